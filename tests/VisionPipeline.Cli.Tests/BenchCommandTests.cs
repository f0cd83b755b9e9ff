using System.Text.Json;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

public class BenchCommandTests
{
    [Fact]
    public void Bench_reports_the_pipeline_next_to_its_engine_floor_in_the_documented_keys()
    {
        using var temp = new TempDirectory();
        var result = VisionProcess.Run("bench", "-p", "faces", "-i", "sample-images", "--images", "12", "--rounds", "3", "--batch", "2", "--json", temp.File("bench.json"));
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
        Assert.Equal(2, json.RootElement.GetProperty("batch").GetInt32());
        Assert.True(json.RootElement.GetProperty("workers").GetInt32() >= 2, "--batch 2 needs at least 2 workers");
        Assert.False(Directory.EnumerateDirectories(Path.GetTempPath(), "vision-bench-*").Any(d => Directory.GetCreationTimeUtc(d) > DateTime.UtcNow.AddMinutes(-1)),
            "bench left its scratch output behind");
    }
}
