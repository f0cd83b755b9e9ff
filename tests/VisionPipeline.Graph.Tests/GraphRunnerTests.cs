using VisionPipeline.Core.Results;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Runs;
using VisionPipeline.Graph.Sources;
using VisionPipeline.Inference.Engines;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Graph.Tests;

public class GraphRunnerTests
{
    private const string Pipeline = """
        name: test
        nodes:
          - { id: image, kind: source.images }
          - { id: faces, kind: model, input: image, model: blazeface-full }
          - { id: person, kind: model, input: image, model: selfie-general }
          - { id: results, kind: sink.jsonl, inputs: [faces, person] }
          - { id: masks, kind: sink.masks, inputs: [person] }
          - { id: table, kind: sink.csv, inputs: [faces] }
          - { id: coco, kind: sink.coco, inputs: [faces] }
        """;

    private static RunSummary Run(string output, IReadOnlyList<GraphRunner.WorkItem> items, RunOptions options,
        IProgress<RunProgress>? progress = null, CancellationToken cancel = default)
    {
        var layout = new OutputLayout(output);
        using var graph = PipelineBuilder.Build(PipelineFileReader.Parse("test.yaml", Pipeline), GraphHarness.Store,
            new EngineOptions { IntraOpThreads = 1 });
        return new GraphRunner(graph, layout, options).Run(items, progress, cancel);
    }

    private static IReadOnlyList<GraphRunner.WorkItem> Samples(Shard? shard = null) =>
        GraphRunner.Plan(InputResolver.Resolve(RepoPaths.SampleImages).Files, shard);

    private static string Read(string dir, string file) => File.ReadAllText(Path.Combine(dir, file));

    [Fact]
    public void A_corrupt_image_gets_an_error_row_and_the_rest_are_processed_in_order()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        File.Copy(RepoPaths.Sample("messi5.jpg"), input.File("a.jpg"));
        File.WriteAllBytes(input.File("b.jpg"), File.ReadAllBytes(RepoPaths.Sample("messi5.jpg"))[..5000]);
        File.Copy(RepoPaths.Sample("fruits.jpg"), input.File("c.jpg"));

        var summary = Run(output.Path, GraphRunner.Plan(InputResolver.Resolve(input.Path).Files, null), new RunOptions { Workers = 2 });
        Assert.Equal(3, summary.Processed);
        var (image, error) = Assert.Single(summary.Failures);
        Assert.Equal("b.jpg", image);
        Assert.StartsWith("b.jpg: truncated JPEG", error);

        var records = File.ReadAllLines(Path.Combine(output.Path, "results.jsonl")).Select(ResultJson.Deserialize).ToList();
        Assert.Equal(["a.jpg", "b.jpg", "c.jpg"], records.Select(r => r.Image).ToArray());
        Assert.Single(records[0].Detections);
        Assert.Equal("masks/a.jpg.person.png", records[0].Masks[0].Path);
        Assert.True(File.Exists(Path.Combine(output.Path, "masks/a.jpg.person.png")), "the mask PNG named in results.jsonl is missing");
        Assert.NotNull(records[1].Error);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(output.Path, "results.csv")).Length); // header + messi's face
        Assert.Contains("\"image_id\":1,\"category_id\":1", Read(output.Path, "results.coco.json"));
        Assert.Empty(Directory.EnumerateFiles(output.Path, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(output.Path, "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public void Output_is_identical_with_one_worker_and_with_four()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        Run(a.Path, Samples(), new RunOptions { Workers = 1 });
        Run(b.Path, Samples(), new RunOptions { Workers = 4 });
        foreach (var file in new[] { "results.jsonl", "results.csv", "results.coco.json" })
            Assert.True(Read(a.Path, file) == Read(b.Path, file), $"{file} differs between 1 and 4 workers");
    }

    [Fact]
    public void A_stopped_run_keeps_its_results_and_resume_completes_them_as_one_run_would()
    {
        using var full = new TempDirectory();
        using var resumed = new TempDirectory();
        Run(full.Path, Samples(), new RunOptions { Workers = 2 });

        using var cancel = new CancellationTokenSource();
        var stopped = Run(resumed.Path, Samples(), new RunOptions { Workers = 1 }, new Progress(p => { if (p.Done == 4) cancel.Cancel(); }), cancel.Token);
        Assert.True(stopped.Cancelled);
        var kept = File.ReadAllLines(Path.Combine(resumed.Path, "results.jsonl"));
        Assert.InRange(kept.Length, 4, 9);

        var second = Run(resumed.Path, Samples(), new RunOptions { Workers = 2, Resume = true });
        Assert.Equal(kept.Length, second.Resumed);
        foreach (var file in new[] { "results.jsonl", "results.csv", "results.coco.json" })
            Assert.True(Read(full.Path, file) == Read(resumed.Path, file), $"{file} after resume differs from an uninterrupted run");
    }

    [Fact]
    public void Resume_picks_up_the_partial_file_a_killed_run_left_even_with_a_torn_last_line()
    {
        using var full = new TempDirectory();
        using var killed = new TempDirectory();
        Run(full.Path, Samples(), new RunOptions { Workers = 2 });
        var lines = File.ReadAllLines(Path.Combine(full.Path, "results.jsonl"));
        // What a kill leaves: the first lines flushed, half of the next one, no final file.
        File.WriteAllText(Path.Combine(killed.Path, "results.jsonl.partial"), string.Join("\n", lines.Take(3)) + "\n" + lines[3][..40]);

        var summary = Run(killed.Path, Samples(), new RunOptions { Workers = 2, Resume = true });
        Assert.Equal(3, summary.Resumed);
        Assert.Equal(Read(full.Path, "results.jsonl"), Read(killed.Path, "results.jsonl"));
        Assert.False(File.Exists(Path.Combine(killed.Path, "results.jsonl.partial")));
    }

    [Fact]
    public void Resume_refuses_when_results_jsonl_lacks_what_other_sinks_read()
    {
        using var output = new TempDirectory();
        var yaml = Pipeline.Replace("inputs: [faces, person] }", "inputs: [person] }");
        var layout = new OutputLayout(output.Path);
        using var graph = PipelineBuilder.Build(PipelineFileReader.Parse("t.yaml", yaml), GraphHarness.Store, new EngineOptions { IntraOpThreads = 1 });
        var e = Assert.Throws<Core.Errors.ConfigurationException>(() => new GraphRunner(graph, layout, new RunOptions { Resume = true }).Run(Samples()));
        Assert.Contains("--resume needs sink.jsonl to list every node the other record sinks read (add: faces)", e.Message);
    }

    [Fact]
    public void Annotations_drawn_on_a_resized_image_follow_its_map()
    {
        using var output = new TempDirectory();
        var yaml = """
            name: t
            nodes:
              - { id: image, kind: source.images }
              - { id: small, kind: stage.resize, input: image, scale: 0.5 }
              - { id: faces, kind: model, input: image, model: blazeface-full }
              - { id: person, kind: model, input: image, model: selfie-general }
              - { id: drawn, kind: sink.annotated, inputs: { inputs: [faces, person], image: small } }
            """;
        var layout = new OutputLayout(output.Path);
        using var graph = PipelineBuilder.Build(PipelineFileReader.Parse("t.yaml", yaml), GraphHarness.Store, new EngineOptions { IntraOpThreads = 1 });
        var summary = new GraphRunner(graph, layout, new RunOptions { Workers = 1 }).Run(GraphRunner.Plan(InputResolver.Resolve(RepoPaths.Sample("messi5.jpg")).Files, null));
        Assert.Empty(summary.Failures);
        using var drawn = OpenCvSharp.Cv2.ImRead(Path.Combine(output.Path, "annotated", "messi5.jpg"));
        Assert.Equal((274, 171), (drawn.Width, drawn.Height));
    }

    [Fact]
    public void Merged_shards_equal_the_unsharded_run()
    {
        using var full = new TempDirectory();
        using var merged = new TempDirectory();
        Run(full.Path, Samples(), new RunOptions { Workers = 2 });
        var shards = Enumerable.Range(1, 3).Select(_ => new TempDirectory()).ToList();
        try
        {
            int total = 0;
            for (int i = 0; i < 3; i++)
                total += Run(shards[i].Path, Samples(new Shard(i + 1, 3)), new RunOptions { Workers = 2 }).Processed;
            Assert.Equal(Samples().Count, total);

            ShardMerger.Merge(shards.Select(s => s.Path).ToList(), merged.Path);
            foreach (var file in new[] { "results.jsonl", "results.csv", "results.coco.json" })
                Assert.True(Read(full.Path, file) == Read(merged.Path, file), $"merged {file} differs from the unsharded run");
            Assert.Equal(Directory.GetFiles(Path.Combine(full.Path, "masks")).Length, Directory.GetFiles(Path.Combine(merged.Path, "masks")).Length);
        }
        finally
        {
            foreach (var s in shards) s.Dispose();
        }
    }

    [Fact]
    public void Shards_split_every_image_into_exactly_one_shard()
    {
        var names = Enumerable.Range(0, 500).Select(i => $"dir{i % 7}/img{i}.jpg").ToList();
        var owners = names.Select(n => Enumerable.Range(1, 4).Count(i => new Shard(i, 4).Contains(n))).ToList();
        Assert.All(owners, o => Assert.Equal(1, o));
        Assert.All(Enumerable.Range(1, 4), i => Assert.InRange(names.Count(n => new Shard(i, 4).Contains(n)), 80, 170));
    }

    /// <summary>Reports synchronously, unlike System.Progress.</summary>
    private sealed class Progress(Action<RunProgress> onReport) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => onReport(value);
    }
}
