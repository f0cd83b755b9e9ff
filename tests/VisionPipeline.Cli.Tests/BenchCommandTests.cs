using System.Text.Json;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

public class BenchCommandTests
{
    [Fact]
    public void Bench_reports_the_pipeline_next_to_its_engine_floor_in_the_documented_keys()
    {
        using var temp = new TempDirectory();
        var result = VisionProcess.Run("bench", "-p", "faces", "-i", "sample-images", "--images", "12", "--rounds", "3", "--batch", "2", "--per-image", "--json", temp.File("bench.json"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("floor img/s", result.Stdout);
        Assert.Contains("numbers compare only within this run", result.Stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("bench.json")));
        foreach (var key in new[] { "floor_images_per_s", "pipeline_images_per_s", "ratio", "p50_ms", "p95_ms", "peak_rss_mb" })
            Assert.True(json.RootElement.TryGetProperty(key, out var value) && value.GetDouble() > 0, $"'{key}' missing or not positive");
        Assert.Equal(12, json.RootElement.GetProperty("images").GetInt32());
        Assert.True(json.RootElement.GetProperty("round_ratios").GetArrayLength() == 3 && json.RootElement.GetProperty("rounds").GetInt32() == 3,
            "the 12 images should be measured in 3 rounds of pipeline then floor, as asked");
        Assert.True(json.RootElement.GetProperty("floor_own_inputs").GetInt32() >= 12
                    && json.RootElement.GetProperty("floor_borrowed_inputs").GetInt32() == 0
                    && json.RootElement.GetProperty("floor_generated_inputs").GetInt32() == 0,
            $"the floor should replay each image's own input, kept from the warm-up, which saw every input image:\n{result.Stdout}");
        var (low, high) = (json.RootElement.GetProperty("ratio_ci95_low").GetDouble(), json.RootElement.GetProperty("ratio_ci95_high").GetDouble());
        Assert.True(low <= high, $"the ratio's 95 % interval {low}–{high} is upside down");
        Assert.Contains("95 % interval of their mean", result.Stdout);
        var warning = json.RootElement.GetProperty("ratio_warning");
        Assert.True(json.RootElement.GetProperty("ratio").GetDouble() > 1 ? warning.ValueKind == JsonValueKind.String : warning.ValueKind == JsonValueKind.Null,
            "a ratio above 1 must carry a warning, and one at most 1 none");
        // The engine+codec floor beside the engine floor: every input decoded once per image, and faces writes one annotated image each.
        foreach (var key in new[] { "codec_floor_images_per_s", "codec_ratio" })
            Assert.True(json.RootElement.TryGetProperty(key, out var value) && value.GetDouble() > 0, $"'{key}' missing or not positive");
        Assert.True(json.RootElement.GetProperty("codec_floor_decodes").GetInt32() == 12 && json.RootElement.GetProperty("codec_floor_encodes").GetInt32() == 12,
            $"the codec floor should decode 12 inputs and encode 12 annotated images:\n{result.Stdout}");
        Assert.Equal(3, json.RootElement.GetProperty("codec_round_ratios").GetArrayLength());
        var codecWarning = json.RootElement.GetProperty("codec_ratio_warning");
        Assert.True(json.RootElement.GetProperty("codec_ratio").GetDouble() > 1 ? codecWarning.ValueKind == JsonValueKind.String : codecWarning.ValueKind == JsonValueKind.Null,
            "a codec ratio above 1 must carry a warning, and one at most 1 none");
        Assert.Contains("codec ratio in each:", result.Stdout);
        // --per-image: one row per distinct input (sample-images holds 10 photos), each with its pipeline and floor times.
        var perImage = result.Stdout[result.Stdout.IndexOf("outside the engines ms", StringComparison.Ordinal)..];
        foreach (var photo in Directory.GetFiles(RepoPaths.SampleImages, "*.*").Where(f => !f.EndsWith(".md")).Select(Path.GetFileName))
            Assert.Contains(photo!, perImage);
        // Every node is timed, decoding under the source node: no node at 0.00 ms.
        Assert.Matches(@"\nimage +source\.images +\d+ +[1-9]", result.Stdout);
        Assert.Matches(@"\nresults +sink\.jsonl +\d+ ", result.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("batch").GetInt32());
        Assert.True(json.RootElement.GetProperty("workers").GetInt32() >= 2, "--batch 2 needs at least 2 workers");
        Assert.False(Directory.EnumerateDirectories(Path.GetTempPath(), "vision-bench-*").Any(d => Directory.GetCreationTimeUtc(d) > DateTime.UtcNow.AddMinutes(-1)),
            "bench left its scratch output behind");
    }
}
