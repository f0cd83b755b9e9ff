using VisionPipeline.Graph.Benchmarking;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Runs;
using VisionPipeline.Graph.Sources;
using VisionPipeline.Inference.Engines;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Graph.Tests;

/// <summary>The engine floor of `vision bench`: the pipeline's engine runs replayed on the inputs kept from a warm-up.</summary>
public class EngineFloorTests
{
    private const string Pipeline = """
        name: test
        nodes:
          - { id: image, kind: source.images }
          - { id: faces, kind: model, input: image, model: blazeface-full }
          - { id: person, kind: model, input: image, model: selfie-general }
          - { id: results, kind: sink.jsonl, inputs: [faces, person] }
        """;

    private const string WritingPipeline = """
        name: test
        nodes:
          - { id: image, kind: source.images }
          - { id: person, kind: model, input: image, model: selfie-general }
          - { id: annotated, kind: sink.annotated, inputs: [person] }
          - { id: masks, kind: sink.masks, inputs: [person] }
        """;

    private static readonly string[] Images = ["messi5.jpg", "fruits.jpg", "messi5.jpg", "baboon.jpg"];

    /// <summary>Warms up on messi5 and fruits only, then records a run over all of <see cref="Images"/> and replays it.</summary>
    private static (IReadOnlyList<ImageEngineRuns> Runs, FloorReplay Floor) RecordAndReplay(ModelInputSamples? samples, int workers = 2)
    {
        using var output = new TempDirectory();
        var layout = new OutputLayout(output.Path);
        using var graph = PipelineBuilder.Build(PipelineFileReader.Parse("test.yaml", Pipeline), GraphHarness.Store,
            new EngineOptions { IntraOpThreads = 1 });
        var items = Images.Select((name, i) => new GraphRunner.WorkItem(i, new InputFile(RepoPaths.Sample(name), name))).ToList();
        using var recorder = EngineRecorder.Attach(graph.Models);
        recorder.Samples = samples;
        new GraphRunner(graph, layout, new RunOptions { Workers = workers, Observer = recorder }).Run(items.Take(2).ToList());
        recorder.Samples = null;
        recorder.TakeRuns();
        var run = new GraphRunner(graph, layout, new RunOptions { Workers = workers, Observer = recorder }).Run(items);
        var runs = recorder.TakeRuns();
        return (runs, EngineFloor.Replay(runs, run.Workers, samples));
    }

    [Fact]
    public void Each_image_seen_in_the_warm_up_replays_its_own_inputs_and_others_borrow_one_of_the_same_shape()
    {
        using var scratch = new TempDirectory();
        var (run, floor) = RecordAndReplay(new ModelInputSamples(scratch.Path));

        Assert.Equal(Images.Length, run.Count);
        Assert.All(run, r => Assert.Equal(2, r.Calls.Count)); // faces and person, once each
        // messi5 (twice) and fruits were in the warm-up; baboon was not, so its two runs take messi5's tensors.
        Assert.True(floor.OwnInputs == 6 && floor.BorrowedInputs == 2 && floor.GeneratedInputs == 0,
            $"expected 6 own, 2 borrowed, 0 generated engine runs, got {floor}");
        Assert.True(floor.Wall > TimeSpan.Zero, "the floor took no time");
    }

    [Fact]
    public void The_kept_inputs_are_each_image_s_own_values()
    {
        using var scratch = new TempDirectory();
        var samples = new ModelInputSamples(scratch.Path);
        var (run, _) = RecordAndReplay(samples);

        var call = run[0].Calls[0];
        using var messi = samples.LoadForImage(RepoPaths.Sample("messi5.jpg"), 0, 0, call.Names[0], call.Shapes[0]);
        using var fruits = samples.LoadForImage(RepoPaths.Sample("fruits.jpg"), 0, 0, call.Names[0], call.Shapes[0]);
        using var firstOfShape = samples.LoadByShape(call.Session, call.Names[0], call.Shapes[0]);
        Assert.True(messi is not null && fruits is not null && firstOfShape is not null, "the warm-up images' inputs were not kept");
        Assert.False(messi.Span.SequenceEqual(fruits.Span), "two different images kept the same input tensor");
        Assert.True(firstOfShape.Span.SequenceEqual(messi.Span) || firstOfShape.Span.SequenceEqual(fruits.Span),
            "the input kept for the shape is neither warm-up image's");
        Assert.Null(samples.LoadForImage(RepoPaths.Sample("baboon.jpg"), 0, 0, call.Names[0], call.Shapes[0]));
        Assert.Null(samples.LoadForImage(RepoPaths.Sample("messi5.jpg"), 0, 0, call.Names[0], [1, 3, 7, 7]));
    }

    [Fact]
    public void Without_disk_budget_for_images_every_run_borrows_the_shape_s_input_and_without_samples_all_are_generated()
    {
        using var scratch = new TempDirectory();
        var (_, borrowed) = RecordAndReplay(new ModelInputSamples(scratch.Path, imageBudgetBytes: 0));
        Assert.True(borrowed.OwnInputs == 0 && borrowed.BorrowedInputs == 8 && borrowed.GeneratedInputs == 0, $"with no image budget: {borrowed}");

        var (_, generated) = RecordAndReplay(samples: null, workers: 1);
        Assert.True(generated.OwnInputs == 0 && generated.BorrowedInputs == 0 && generated.GeneratedInputs == 8, $"with no samples: {generated}");
    }

    [Fact]
    public void A_run_that_no_recorder_observes_runs_the_engines_themselves_and_detaching_puts_them_back()
    {
        using var graph = PipelineBuilder.Build(PipelineFileReader.Parse("test.yaml", Pipeline), GraphHarness.Store,
            new EngineOptions { IntraOpThreads = 1 });
        var session = graph.Models.Sessions[0];
        Assert.Same(session.Engine, session.Runner);
        using (EngineRecorder.Attach(graph.Models))
            Assert.NotSame(session.Engine, session.Runner);
        Assert.Same(session.Engine, session.Runner);
    }

    [Fact]
    public void Every_image_names_its_pipeline_worker_and_a_worker_the_floor_does_not_have_is_refused()
    {
        var (run, _) = RecordAndReplay(samples: null, workers: 2);
        Assert.All(run, r => Assert.InRange(r.Worker, 0, 1));
        var stray = run.Select(r => r with { Worker = 2 }).ToList();
        var error = Assert.Throws<ArgumentException>(() => EngineFloor.Replay(stray, 2));
        Assert.Contains("worker 2", error.Message);
    }

    [Fact]
    public void The_codec_floor_decodes_each_input_and_writes_again_each_image_the_pipeline_s_sinks_wrote_for_it()
    {
        using var output = new TempDirectory();
        using var scratch = new TempDirectory();
        using var graph = PipelineBuilder.Build(PipelineFileReader.Parse("test.yaml", WritingPipeline), GraphHarness.Store,
            new EngineOptions { IntraOpThreads = 1 });
        using var recorder = EngineRecorder.Attach(graph.Models);
        var layout = new OutputLayout(output.Path) { ImageWritten = recorder.ImageWritten };
        var items = Images.Select((name, i) => new GraphRunner.WorkItem(i, new InputFile(RepoPaths.Sample(name), name))).ToList();
        var run = new GraphRunner(graph, layout, new RunOptions { Workers = 2, Observer = recorder }).Run(items);
        var runs = recorder.TakeRuns();

        // Each image's own files, whichever of the two workers wrote them: its annotated copy, then its mask.
        for (int i = 0; i < Images.Length; i++)
        {
            var expected = new[] { layout.AnnotatedPath(Images[i]), layout.Full(OutputLayout.MaskRelativePath("masks", Images[i], "person", 0)) };
            Assert.True(expected.SequenceEqual(runs[i].Written), $"{Images[i]}: recorded as written {string.Join(", ", runs[i].Written)}");
        }
        using (var codecs = new CodecReplay(scratch.File("codec")))
        {
            var floor = EngineFloor.Replay(runs, run.Workers, codecs: codecs);
            Assert.True(floor.Codecs == (4, 8, 0), $"expected 4 inputs decoded and 8 images encoded, all from their own copies, got {floor.Codecs}");
            Assert.Equal(runs.Select(r => r.Image), floor.Images.Select(i => i.Image));
        }
        // With no memory for decoded copies, the first image of each kind is kept and every other written image borrows it.
        using (var tight = new CodecReplay(scratch.File("tight"), budgetBytes: 0))
        {
            var floor = EngineFloor.Replay(runs, run.Workers, codecs: tight);
            // messi5 (first, and again third) keeps its JPEG and mask; fruits' and baboon's two files each borrow them.
            Assert.True(floor.Codecs == (4, 8, 4), $"with no memory budget, expected 4 of 8 encodes borrowed: {floor.Codecs}");
        }
        Assert.False(Directory.Exists(scratch.File("codec")), "the codec floor left its scratch files behind");
    }
}
