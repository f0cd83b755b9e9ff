using System.Runtime.CompilerServices;
using OpenCvSharp;
using VisionPipeline.Benchmarking;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Frames;
using VisionPipeline.Core.Results;
using VisionPipeline.Graph.Runs;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Sources;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Zoo;

namespace VisionPipeline;

/// <summary>
/// A checked, built pipeline with its models open: the library's front door. Load one (a built-in name, a pipeline
/// file, YAML text or a single model file), then process an image, a folder or a stream of frames and read typed
/// results, or <see cref="Run(string, string, WriteOptions?, IProgress{RunProgress}?, CancellationToken)"/> it over
/// images to write what its sinks write. Safe to use from several threads at once; dispose it to close the models.
/// </summary>
public sealed partial class Pipeline : IDisposable
{
    private readonly PipelineGraph _graph;
    private readonly FrameResults _results;
    private readonly RunOptions _runOptions;
    private readonly PipelineOptions _options;
    private long _nextIndex = -1;

    private Pipeline(PipelineGraph graph, PipelineOptions options, RunOptions runOptions, EngineOptions engine, ModelStore store)
    {
        _graph = graph;
        _options = options;
        _runOptions = runOptions;
        _results = new FrameResults(graph);
        Engine = engine;
        Store = store;
    }

    public string Name => _graph.Name;
    public string? Description => _graph.Description;

    /// <summary>The built graph: its nodes, models and timings (for summaries and benchmarks).</summary>
    public PipelineGraph Graph => _graph;

    /// <summary>The engine settings the models were opened with (threads as resolved from the options).</summary>
    public EngineOptions Engine { get; }

    public ModelStore Store { get; }

    /// <summary>Images processed at once by the many-image methods.</summary>
    public int Workers => _runOptions.EffectiveWorkers;

    /// <summary>Processes one image in memory. <paramref name="image"/> stays the caller's: 8-bit BGR, grey or BGRA.</summary>
    /// <exception cref="VisionException">the image cannot be used or a node failed on it (the message names <paramref name="name"/>)</exception>
    public PipelineResult Process(Mat image, string name = "image")
    {
        using var frame = CallerImage.AsFrame(image, name, Interlocked.Increment(ref _nextIndex));
        return Rethrown(name, () => Execute(frame, null));
    }

    /// <summary>Decodes and processes one image file in memory (nothing is written).</summary>
    /// <exception cref="VisionException">the file cannot be read or decoded, or a node failed on it</exception>
    public PipelineResult Process(string imageFile)
    {
        var file = new InputFile(Path.GetFullPath(imageFile), Path.GetFileName(imageFile));
        return Rethrown(file.RelativePath, () => Process(file, Interlocked.Increment(ref _nextIndex)));
    }

    /// <summary>Decodes and processes one encoded image (JPEG, PNG, WebP, …) held in memory.</summary>
    /// <exception cref="VisionException">the bytes are not a complete, decodable image, or a node failed on it</exception>
    public PipelineResult Process(ReadOnlySpan<byte> encoded, string name = "image")
    {
        var (frame, exif) = ImageFileDecoder.DecodeWithExif(encoded, name, Interlocked.Increment(ref _nextIndex));
        using (frame) return Rethrown(name, () => Execute(frame, exif));
    }

    /// <summary>
    /// Processes every image of a folder (recursively), file, glob ('photos/**/*.jpg') or @list.txt in memory, with
    /// <see cref="Workers"/> images at once, yielding results in input order. An image that fails yields a result with
    /// its <see cref="PipelineResult.Error"/>, and the rest go on. Dispose each result when done with it.
    /// </summary>
    public IAsyncEnumerable<PipelineResult> ProcessAsync(string input, IProgress<RunProgress>? progress = null, CancellationToken cancel = default)
    {
        var files = Resolve(input, exclude: null).Files;
        if (files.Count == 0) throw new ConfigurationException(input, "no image files found");
        return ProcessAsync(files, progress, cancel);
    }

    /// <inheritdoc cref="ProcessAsync(string, IProgress{RunProgress}?, CancellationToken)"/>
    public async IAsyncEnumerable<PipelineResult> ProcessAsync(IReadOnlyList<InputFile> files, IProgress<RunProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancel = default)
    {
        int done = 0, failed = 0;
        await foreach (var result in OrderedWorkers.Map(files.Select((file, i) => (File: file, Index: (long)i)).ToAsyncEnumerable(), item => Process(item.File, item.Index), _ => { }, Workers, cancel))
        {
            if (!result.Succeeded) failed++;
            progress?.Report(new RunProgress(++done, files.Count, failed));
            yield return result;
        }
    }

    /// <summary>
    /// Processes a stream of frames (a camera, a video) with <see cref="Workers"/> at once, yielding results in the
    /// frames' order. The pipeline owns the frames it takes from <paramref name="frames"/> and disposes each once
    /// processed. A frame that fails yields a result with its error; results are named "frame-N" by position.
    /// </summary>
    public IAsyncEnumerable<PipelineResult> ProcessAsync(IAsyncEnumerable<Mat> frames, CancellationToken cancel = default) =>
        OrderedWorkers.Map(frames.Select((frame, i) => (Image: frame, Index: (long)i)), item =>
        {
            using var owned = item.Image;
            return ProcessFrame(owned, $"frame-{item.Index}", item.Index, null);
        }, item => item.Image.Dispose(), Workers, cancel);

    /// <summary>
    /// Processes one frame of a live source (a camera, a video, a stream) named <paramref name="name"/>, a relative
    /// path such as "source-0/frame-000012.jpg". With <paramref name="output"/> the pipeline's file sinks write into it
    /// under that name (annotated frames, masks, crops), exactly as they write images in
    /// <see cref="Run(string, string, WriteOptions?, IProgress{RunProgress}?, CancellationToken)"/>; record sinks
    /// (results.jsonl) are not run. The image stays the caller's. A frame that fails gives a result with its error.
    /// </summary>
    public PipelineResult ProcessFrame(Mat image, string name, long index, OutputLayout? output) =>
        FailureAsResult(name, index, () =>
        {
            using var frame = CallerImage.AsFrame(image, name, index);
            return Execute(frame, null, output);
        });

    /// <summary>
    /// Runs the pipeline over a folder, file, glob or @list into <paramref name="outputDirectory"/>: every sink
    /// writes (results.jsonl, annotated images, masks, …) as `vision run` does, in input order whatever the worker
    /// count. The folder is checked to be writable before the first image.
    /// </summary>
    /// <exception cref="ConfigurationException">no images found, or the output folder cannot be written</exception>
    public RunSummary Run(string input, string outputDirectory, WriteOptions? options = null, IProgress<RunProgress>? progress = null,
        CancellationToken cancel = default)
    {
        var layout = OutputFolder.Prepare(outputDirectory);
        var resolution = Resolve(input, exclude: layout.Directory);
        if (resolution.Files.Count == 0) throw new ConfigurationException(input, "no image files found");
        return Run(resolution.Files, layout, options, progress, cancel) with { SkippedNonImages = resolution.SkippedNonImages };
    }

    /// <summary>Runs the pipeline over the files given (each named by its relative path in the outputs).</summary>
    /// <inheritdoc cref="Run(string, string, WriteOptions?, IProgress{RunProgress}?, CancellationToken)"/>
    public RunSummary Run(IReadOnlyList<InputFile> files, string outputDirectory, WriteOptions? options = null,
        IProgress<RunProgress>? progress = null, CancellationToken cancel = default) =>
        Run(files, OutputFolder.Prepare(outputDirectory), options, progress, cancel);

    private RunSummary Run(IReadOnlyList<InputFile> files, OutputLayout layout, WriteOptions? options, IProgress<RunProgress>? progress,
        CancellationToken cancel)
    {
        options ??= new WriteOptions();
        var runOptions = _runOptions with { Resume = options.Resume, Shard = options.Shard };
        return new GraphRunner(_graph, layout, runOptions).Run(GraphRunner.Plan(files, options.Shard), progress, cancel);
    }

    /// <summary>
    /// Measures the pipeline's throughput over <paramref name="files"/> (repeated to the number of images asked for)
    /// against its engine floor, in rounds after a warm-up, as `vision bench` does. What the sinks write goes to a
    /// temporary folder that is removed afterwards.
    /// </summary>
    public BenchmarkResult Benchmark(IReadOnlyList<InputFile> files, BenchmarkSettings? settings = null, IProgress<RunProgress>? progress = null)
    {
        settings ??= new BenchmarkSettings();
        if (settings.Images < 1) throw new ConfigurationException(null, "--images must be at least 1");
        if (files.Count == 0) throw new ConfigurationException(null, "no image files to benchmark");
        return PipelineBenchmark.Run(_graph, _runOptions, files, settings, progress ?? new Progress<RunProgress>());
    }

    public void Dispose() => _graph.Dispose();

    /// <summary>The input's files as the options say to walk folders; what was left out and why goes to the warnings.</summary>
    private InputResolver.Resolution Resolve(string input, string? exclude)
    {
        var resolution = InputResolver.Resolve(input, exclude, _options.FollowLinks);
        foreach (var warning in resolution.Warnings) _options.Warn?.Invoke(warning);
        return resolution;
    }

    private PipelineResult Process(InputFile file, long index) =>
        FailureAsResult(file.RelativePath, index, () =>
        {
            var (frame, exif) = ImageFileDecoder.DecodeWithExif(file, index);
            using (frame) return Execute(frame, exif);
        });

    /// <summary>What the many-image methods do with a failure: a result carrying its one-line error.</summary>
    private static PipelineResult FailureAsResult(string name, long index, Func<PipelineResult> process)
    {
        try
        {
            return process();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return PipelineResult.Failed(name, index, GraphRunner.DescribeFailure(name, e));
        }
    }

    private PipelineResult Execute(Frame frame, ExifRecord? exif, OutputLayout? output = null)
    {
        using var context = new FrameContext(frame, output);
        _graph.Execute(context);
        return _results.Take(context, exif);
    }

    /// <summary>The one-image methods throw what the many-image ones record as a failed result.</summary>
    private static PipelineResult Rethrown(string name, Func<PipelineResult> process)
    {
        PipelineResult result;
        try
        {
            result = process();
        }
        catch (Exception e) when (e is not (OutOfMemoryException or ArgumentException))
        {
            throw new VisionException(null, GraphRunner.DescribeFailure(name, e), inner: e);
        }
        return result.Error is { } error ? throw new VisionException(null, error) : result;
    }
}
