using VisionPipeline.Core.Results;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

public class RunCommandTests
{
    [Fact]
    public void The_default_pipeline_finds_faces_people_and_text_in_the_sample_images()
    {
        using var output = new TempDirectory();
        var result = VisionProcess.Run("run", "--input", "sample-images", "--output", output.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("images/s", result.Stdout);
        Assert.Contains("ppocr-rec", result.Stdout);

        var records = File.ReadAllLines(Path.Combine(output.Path, "results.jsonl")).Select(ResultJson.Deserialize)
            .ToDictionary(r => r.Image);
        var samples = Directory.GetFiles(RepoPaths.SampleImages).Where(f => !f.EndsWith(".md")).Select(Path.GetFileName).ToList();
        Assert.Equal(samples.Order(), records.Keys.Order());
        Assert.All(records.Values, r => Assert.Null(r.Error));

        var messi = records["messi5.jpg"];
        Assert.Equal((548, 342), (messi.Width, messi.Height));
        var face = Assert.Single(messi.Detections, d => d.Node == "faces");
        Assert.InRange(face.Box[0], 215, 230);
        var person = Assert.Single(messi.Masks);
        Assert.InRange(person.Area, 548 * 342 / 10, 548 * 342 / 3);
        Assert.True(File.Exists(Path.Combine(output.Path, person.Path!)), "the mask PNG named in results.jsonl is missing");

        var page = records["imageTextN.png"].Detections.Where(d => d.Node == "text").ToList();
        Assert.Equal("technical details are too complex to cover in the book itself.", page[0].Text);
        Assert.DoesNotContain(records["fruits.jpg"].Detections, d => d.Node == "faces");

        foreach (var name in samples)
            Assert.True(File.Exists(Path.Combine(output.Path, "annotated", name!)), $"no annotated image for {name}");
    }

    [Fact]
    public void A_corrupt_image_gets_an_error_row_and_the_run_exits_with_1()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        File.Copy(RepoPaths.Sample("messi5.jpg"), input.File("good.jpg"));
        var bytes = File.ReadAllBytes(RepoPaths.Sample("fruits.jpg"));
        File.WriteAllBytes(input.File("bad.jpg"), bytes[..(bytes.Length / 3)]);
        File.WriteAllBytes(input.File("zero.png"), []);

        var result = VisionProcess.Run("run", "-i", input.Path, "-o", output.Path, "--pipeline", "faces");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("error: bad.jpg: truncated JPEG", result.Stderr);
        Assert.Contains("error: zero.png: empty file (0 bytes)", result.Stderr);
        Assert.Contains("failed image", result.Stdout);

        var records = File.ReadAllLines(Path.Combine(output.Path, "results.jsonl")).Select(ResultJson.Deserialize).ToList();
        Assert.Equal(["bad.jpg", "good.jpg", "zero.png"], records.Select(r => r.Image).ToArray());
        Assert.NotNull(records[0].Error);
        Assert.Null(records[1].Error);
        Assert.Single(records[1].Detections);
    }

    [Theory]
    [InlineData("unknown pipeline 'fancy'", "run", "-i", "sample-images", "-p", "fancy")]
    [InlineData("input not found", "run", "-i", "no-such-folder")]
    [InlineData("unknown device 'tpu'", "run", "-i", "sample-images", "--device", "tpu")]
    [InlineData("--input", "run")]
    [InlineData("Unrecognized command or argument", "run", "-i", "sample-images", "--colour", "red")]
    [InlineData("--workers must be 0", "run", "-i", "sample-images", "--workers", "-1")]
    [InlineData("--batch must be 1", "run", "-i", "sample-images", "--batch", "0")]
    [InlineData("invalid glob", "run", "-i", "sample-images/[z-a]*.jpg")]
    [InlineData("--shard expects I/N", "run", "-i", "sample-images", "--shard", "3/2")]
    public void Usage_and_configuration_errors_exit_with_2_and_one_clear_line(string expected, params string[] args)
    {
        using var output = new TempDirectory();
        var result = VisionProcess.Run([.. args, "-o", output.Path]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.Stderr);
        Assert.False(File.Exists(Path.Combine(output.Path, "results.jsonl")), "a failed start must not write results");
    }

    [Fact]
    public void An_output_path_that_is_a_file_exits_with_2_before_any_image()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("taken"), "x");
        var result = VisionProcess.Run("run", "-i", "sample-images", "-o", temp.File("taken"));
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--output names a file", result.Stderr);
    }

    [Fact]
    public void Profile_lists_every_node_with_decoding_and_record_sinks_and_quiet_keeps_the_tables()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        foreach (var name in new[] { "messi5.jpg", "fruits.jpg", "orange.jpg" }) File.Copy(RepoPaths.Sample(name), input.File(name));

        var result = VisionProcess.Run("run", "-i", input.Path, "-o", output.Path, "-p", "faces", "--profile", "--quiet");
        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.Stdout.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(c => c.Length >= 7).ToList();
        foreach (var (node, kind) in new[] { ("image", "source.images"), ("faces", "model"), ("face_crops", "op.crop"), ("face_embeddings", "model"),
                                             ("results", "sink.jsonl"), ("annotated", "sink.annotated") })
        {
            var row = rows.FirstOrDefault(c => c[0] == node && c[1] == kind);
            Assert.True(row is not null, $"node {node} ({kind}) is missing from the profile:\n{result.Stdout}");
            Assert.True(row[2] == "3", $"node {node} was timed {row[2]} times for 3 images");
        }
        var decoding = double.Parse(rows.First(c => c[0] == "image")[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(decoding > 0, "reading and decoding the files must be the source node's time, not 0");
        Assert.Contains("ms/image", result.Stdout); // the per-model table, which --quiet alone leaves out
        Assert.DoesNotContain("Output:", result.Stdout);
    }
}
