using VisionPipeline.Core.Results;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Nodes;
using VisionPipeline.Graph.Pipelines;
using VisionPipeline.Graph.Running;
using VisionPipeline.Graph.Sinks;
using VisionPipeline.Graph.Sources;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Inference.Zoo;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Graph.Tests;

public class FolderRunnerTests
{
    private static Pipeline FacesAndPeople()
    {
        var catalog = new ModelCatalog(new ModelStore(RepoPaths.Models), new EngineOptions { IntraOpThreads = 1 });
        return new Pipeline("test", [new FaceDetectorNode("faces", catalog.Open("blazeface-full")),
            new PersonSegmenterNode("person", catalog.Open("selfie-general"))], catalog);
    }

    [Fact]
    public void A_corrupt_image_gets_an_error_row_and_the_rest_are_processed_in_order()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        File.Copy(RepoPaths.Sample("messi5.jpg"), input.File("a.jpg"));
        File.WriteAllBytes(input.File("b.jpg"), File.ReadAllBytes(RepoPaths.Sample("messi5.jpg"))[..5000]);
        File.Copy(RepoPaths.Sample("fruits.jpg"), input.File("c.jpg"));

        using var pipeline = FacesAndPeople();
        var layout = new OutputLayout(output.Path);
        var summary = new FolderRunner(pipeline, layout, new RunOptions { Workers = 2 })
            .Run(InputResolver.Resolve(input.Path).Files);

        Assert.Equal(3, summary.Processed);
        var (image, error) = Assert.Single(summary.Failures);
        Assert.Equal("b.jpg", image);
        Assert.Contains("truncated JPEG", error);

        var records = File.ReadAllLines(layout.ResultsPath).Select(ResultJson.Deserialize).ToList();
        Assert.Equal(["a.jpg", "b.jpg", "c.jpg"], records.Select(r => r.Image).ToArray());
        Assert.Null(records[0].Error);
        Assert.Single(records[0].Detections);
        Assert.Equal("masks/a.jpg.person.png", records[0].Masks[0].Path);
        Assert.True(File.Exists(layout.Full(records[0].Masks[0].Path)), "the mask PNG named in results.jsonl is missing");
        Assert.True(File.Exists(layout.AnnotatedPath("a.jpg")), "the annotated image is missing");
        Assert.NotNull(records[1].Error);
        Assert.Empty(records[1].Detections);
        Assert.False(File.Exists(layout.AnnotatedPath("b.jpg")));
        Assert.Empty(Directory.EnumerateFiles(output.Path, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(output.Path, "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public void Results_are_identical_with_one_worker_and_with_four()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        using var pipeline = FacesAndPeople();
        var files = InputResolver.Resolve(RepoPaths.SampleImages).Files;
        new FolderRunner(pipeline, new OutputLayout(a.Path), new RunOptions { Workers = 1, WriteAnnotated = false }).Run(files);
        new FolderRunner(pipeline, new OutputLayout(b.Path), new RunOptions { Workers = 4, WriteAnnotated = false }).Run(files);
        Assert.Equal(File.ReadAllText(Path.Combine(a.Path, "results.jsonl")), File.ReadAllText(Path.Combine(b.Path, "results.jsonl")));
    }

    [Fact]
    public void A_cancelled_run_keeps_the_results_already_written()
    {
        using var output = new TempDirectory();
        using var pipeline = FacesAndPeople();
        using var cancel = new CancellationTokenSource();
        var files = InputResolver.Resolve(RepoPaths.SampleImages).Files;
        var progress = new Progress(p => { if (p.Done == 2) cancel.Cancel(); });
        var summary = new FolderRunner(pipeline, new OutputLayout(output.Path), new RunOptions { Workers = 1, WriteAnnotated = false })
            .Run(files, progress, cancel.Token);
        Assert.True(summary.Cancelled);
        var lines = File.ReadAllLines(Path.Combine(output.Path, "results.jsonl"));
        Assert.InRange(lines.Length, 2, files.Count - 1);
        Assert.All(lines, l => ResultJson.Deserialize(l));
    }

    /// <summary>Reports synchronously, unlike System.Progress.</summary>
    private sealed class Progress(Action<RunProgress> onReport) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => onReport(value);
    }
}
