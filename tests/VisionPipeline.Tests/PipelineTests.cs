using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Results;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Runs;
using VisionPipeline.Inference.Onnx;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Tests;

/// <summary>The front door with the real zoo models: load, process, read typed results, write like `vision run`.</summary>
public sealed class PipelineTests : IClassFixture<PipelineTests.DefaultPipeline>
{
    public sealed class DefaultPipeline : IDisposable
    {
        public Pipeline Pipeline { get; } = Pipeline.Load("default", new PipelineOptions { ModelsDirectory = RepoPaths.Models });
        public void Dispose() => Pipeline.Dispose();
    }

    private readonly Pipeline _default;

    public PipelineTests(DefaultPipeline fixture) => _default = fixture.Pipeline;

    [Fact]
    public void A_photo_gives_typed_faces_person_mask_and_nothing_is_written()
    {
        using var cwd = new TempDirectory();
        using var result = _default.Process(RepoPaths.Sample("messi5.jpg"));
        Assert.Equal(("messi5.jpg", 548, 342), (result.Image, result.Width, result.Height));
        var face = Assert.Single(result.Detections, d => d.Node == "faces");
        Assert.InRange(face.Box.X1, 215, 230);
        Assert.Equal(6, face.Keypoints!.Count);
        var person = Assert.Single(result.Masks);
        Assert.Equal(new Size(548, 342), person.Mask.Size());
        Assert.InRange(person.Area, 548 * 342 / 10, 548 * 342 / 3);
        Assert.Null(Assert.Single(result.ToRecord().Masks).Path);
        Assert.Empty(result.Classifications);
    }

    [Fact]
    public void In_memory_results_equal_the_results_jsonl_of_a_run_on_the_same_images()
    {
        using var output = new TempDirectory();
        var summary = _default.Run(RepoPaths.Sample("messi5.jpg"), output.Path);
        Assert.True(summary.Failed == 0, string.Join("; ", summary.Failures));
        var written = ResultJson.Deserialize(File.ReadLines(Path.Combine(output.Path, "results.jsonl")).Single());
        Assert.True(File.Exists(Path.Combine(output.Path, written.Masks[0].Path!)), "the run wrote no mask PNG");
        Assert.True(File.Exists(Path.Combine(output.Path, "annotated", "messi5.jpg")), "the run wrote no annotated image");

        using var inMemory = _default.Process(RepoPaths.Sample("messi5.jpg"));
        var expected = written with { Masks = written.Masks.Select(m => m with { Path = null }).ToArray() };
        Assert.Equal(ResultJson.Serialize(expected), inMemory.ToJson());
    }

    [Fact]
    public void A_caller_s_Mat_is_borrowed_and_grey_or_BGRA_images_are_accepted()
    {
        using var image = Cv2.ImRead(RepoPaths.Sample("messi5.jpg"));
        using (var fromMat = _default.Process(image, "messi"))
            Assert.Single(fromMat.Detections, d => d.Node == "faces");
        Assert.False(image.IsDisposed);
        Assert.Equal(548, image.Width);

        using var bgra = image.CvtColor(ColorConversionCodes.BGR2BGRA);
        using var grey = image.CvtColor(ColorConversionCodes.BGR2GRAY);
        using (var a = _default.Process(bgra, "bgra")) Assert.Equal("bgra", a.Image);
        using (var g = _default.Process(grey, "grey")) Assert.Equal((548, 342), (g.Width, g.Height));
    }

    [Fact]
    public void Unusable_images_are_refused_with_their_name()
    {
        using var deep = new Mat(10, 10, MatType.CV_16UC3);
        var e = Assert.Throws<VisionException>(() => _default.Process(deep, "depth.tif"));
        Assert.StartsWith("depth.tif: expected an 8-bit image", e.Message);

        var bytes = File.ReadAllBytes(RepoPaths.Sample("fruits.jpg"));
        e = Assert.Throws<VisionException>(() => _default.Process(bytes.AsSpan(0, bytes.Length / 3), "upload.jpg"));
        Assert.Equal("upload.jpg: truncated JPEG (the data ends before the end-of-image marker)", e.Message);

        e = Assert.Throws<VisionException>(() => _default.Process(Path.Combine(RepoPaths.SampleImages, "missing.jpg")));
        Assert.Equal("missing.jpg: file not found", e.Message);
    }

    [Fact]
    public void Encoded_bytes_are_decoded_like_a_file()
    {
        using var fromBytes = _default.Process(File.ReadAllBytes(RepoPaths.Sample("messi5.jpg")), "messi5.jpg");
        using var fromFile = _default.Process(RepoPaths.Sample("messi5.jpg"));
        Assert.Equal(fromFile.ToJson(), fromBytes.ToJson());
    }

    [Fact]
    public async Task A_folder_is_processed_in_input_order_with_failures_as_results_and_progress()
    {
        using var input = new TempDirectory();
        foreach (var name in new[] { "messi5.jpg", "fruits.jpg", "orange.jpg" }) File.Copy(RepoPaths.Sample(name), input.File(name));
        File.WriteAllBytes(input.File("broken.png"), [1, 2, 3]);
        var reports = new List<RunProgress>();
        var seen = new List<(string, string?, int)>();
        await foreach (var result in _default.ProcessAsync(input.Path, new SynchronousProgress(reports.Add)))
            using (result) seen.Add((result.Image, result.Error, result.Detections.Count(d => d.Node == "faces")));

        Assert.Equal(["broken.png", "fruits.jpg", "messi5.jpg", "orange.jpg"], seen.Select(s => s.Item1).ToArray());
        Assert.StartsWith("broken.png: not a decodable image", seen[0].Item2);
        Assert.Equal(1, seen[2].Item3);
        Assert.Equal(new RunProgress(4, 4, 1), reports[^1]);
    }

    [Fact]
    public async Task Frames_from_a_stream_come_back_in_order_and_are_disposed()
    {
        var frames = new List<Mat>();
        async IAsyncEnumerable<Mat> Camera()
        {
            for (int i = 0; i < 6; i++)
            {
                var frame = Cv2.ImRead(RepoPaths.Sample(i % 2 == 0 ? "messi5.jpg" : "fruits.jpg"));
                frames.Add(frame);
                await Task.Yield();
                yield return frame;
            }
        }
        var faces = new List<(long, int)>();
        await foreach (var result in _default.ProcessAsync(Camera()))
            using (result) faces.Add((result.Index, result.Detections.Count(d => d.Node == "faces")));
        Assert.Equal([(0L, 1), (1, 0), (2, 1), (3, 0), (4, 1), (5, 0)], faces.ToArray());
        Assert.All(frames, f => Assert.True(f.IsDisposed, "a frame was not disposed after processing"));
    }

    [Fact]
    public async Task Cancelling_a_folder_stops_it_and_leaves_no_result_undisposed()
    {
        using var cancel = new CancellationTokenSource();
        int taken = 0;
        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var result in _default.ProcessAsync(RepoPaths.SampleImages, cancel: cancel.Token))
            {
                using (result) taken++;
                cancel.Cancel();
            }
        });
        Assert.InRange(taken, 1, 1 + 2 * _default.Workers);
    }

    [Fact]
    public void Pipeline_text_with_a_mistake_is_refused_with_its_line_and_column()
    {
        var e = Assert.Throws<PipelineValidationException>(() => Pipeline.FromYaml(
            "name: x\nnodes:\n  - id: image\n    kind: source.images\n  - id: faces\n    kind: model\n    input: image\n    model: blazeface-fulll\n",
            new PipelineOptions { ModelsDirectory = RepoPaths.Models }, "mine.yaml"));
        Assert.Contains("mine.yaml:8:12: node 'faces': unknown model 'blazeface-fulll'", e.Message); // the value's line and column
        Assert.Contains("blazeface-full", e.Message); // did you mean
    }

    [Fact]
    public void A_classifier_model_gives_whole_image_classifications()
    {
        // Generated fixture (no ImageNet classifier can be downloaded here): logits fixed at [1, 3, 2], softmaxed.
        using var folder = new TempDirectory();
        var b = new OnnxModelBuilder("classifier");
        var x = b.Input("images", -1, 3, 32, 32);
        var pooled = b.Reshape(b.GlobalAveragePool(x), [-1, 3]);
        var logits = b.Gemm(pooled, b.Constant(new float[9], 3, 3), b.Constant([1f, 3f, 2f], 1, 3));
        b.Softmax(logits, 1, "output0");
        b.Output("output0", Inference.Onnx.Proto.TensorProto.Types.DataType.Float, -1, 3);
        b.Metadata("names", "{0: 'cat', 1: 'dog', 2: 'bird'}");
        b.Save(folder.File("animals.onnx"));

        using var pipeline = Pipeline.ForModel(folder.File("animals.onnx"), new PipelineOptions { ModelsDirectory = RepoPaths.Models });
        using var result = pipeline.Process(RepoPaths.Sample("fruits.jpg"));
        var top = result.Classifications[0];
        Assert.Equal(("model", "dog"), (top.Node, top.Label));
        Assert.Equal(Math.Exp(3) / (Math.Exp(1) + Math.Exp(3) + Math.Exp(2)), top.Score, 1e-5);
        Assert.Equal(result.Classifications.Count, result.Detections.Count);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test wants every report before the loop ends.</summary>
    private sealed class SynchronousProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
