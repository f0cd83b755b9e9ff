// Over 250 lines: the front door's whole surface (load, process one, process many, write) reads best in one place.
using System.Runtime.CompilerServices;
using OpenCvSharp;
using VisionPipeline.Benchmarking;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Frames;
using VisionPipeline.Core.IO;
using VisionPipeline.Core.Results;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Nodes.Heads;
using VisionPipeline.Graph.Pipelines;
using VisionPipeline.Graph.Runs;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Sources;
using VisionPipeline.Graph.Values;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Zoo;

namespace VisionPipeline;

/// <summary>
/// A checked, built pipeline with its models open: the library's front door. Load one (a built-in name, a pipeline
/// file, YAML text or a single model file), then process an image, a folder or a stream of frames and read typed
/// results, or <see cref="Run(string, string, WriteOptions?, IProgress{RunProgress}?, CancellationToken)"/> it over
/// images to write what its sinks write. Safe to use from several threads at once; dispose it to close the models.
/// </summary>
public sealed class Pipeline : IDisposable
{
    private readonly PipelineGraph _graph;
    private readonly RecordBuilder _results;
    private readonly IReadOnlySet<string> _classifiers;
    private readonly RunOptions _runOptions;
    private long _nextIndex = -1;

    private readonly PipelineOptions _options;

    private Pipeline(PipelineGraph graph, PipelineOptions options, RunOptions runOptions, EngineOptions engine, ModelStore store)
    {
        _graph = graph;
        _options = options;
        _runOptions = runOptions;
        Engine = engine;
        Store = store;
        var found = graph.ResultsNodes.Count > 0
            ? graph.ResultsNodes
            : graph.Nodes.Where(n => n.Output is PortType.Detections or PortType.Masks or PortType.Embeddings).Select(n => n.Id).ToHashSet();
        _results = new RecordBuilder(graph.Nodes.Select(n => n.Id).Where(found.Contains).ToList(), new Dictionary<string, string>());
        var images = graph.Nodes.Where(n => n.Output == PortType.Image).Select(n => n.Id).ToHashSet();
        _classifiers = graph.Nodes.OfType<ModelNode>().Where(n => n.Head is ClassifyHead && images.Contains(n.InputId)).Select(n => n.Id).ToHashSet();
    }

    /// <summary>A built-in pipeline by name (see `vision pipelines list`) or a pipeline file (.yaml).</summary>
    public static Pipeline Load(string nameOrFile, PipelineOptions? options = null) => Open(BuiltInPipelines.Load(nameOrFile), options);

    /// <summary>A pipeline written as YAML text. Relative paths in it (model files) are taken from
    /// <paramref name="fileName"/>'s folder, which messages also name.</summary>
    public static Pipeline FromYaml(string yaml, PipelineOptions? options = null, string fileName = "pipeline.yaml") =>
        Open(PipelineFileReader.Parse(Path.GetFullPath(fileName), yaml), options);

    /// <summary>One model file with its decoder, input size and labels chosen from its metadata and outputs.</summary>
    public static Pipeline ForModel(string modelFile, PipelineOptions? options = null)
    {
        var document = SingleModelPipeline.For(modelFile);
        try
        {
            return Open(document, options);
        }
        catch (PipelineValidationException e)
        {
            throw new ConfigurationException(modelFile, string.Join("; ", e.Errors.Select(x => x.Message)) +
                " — write a pipeline file with a `model` node for it and set that field (see `vision pipelines show default`)");
        }
    }

    /// <summary>
    /// Checks a built-in pipeline or pipeline file completely, as loading does (every problem with its line, zoo models
    /// known and files present), without opening any model.
    /// </summary>
    /// <exception cref="PipelineValidationException">what is wrong, every problem with its line</exception>
    public static PipelineBuilder.CheckedPipeline Check(string nameOrFile, PipelineOptions? options = null) =>
        PipelineBuilder.Check(BuiltInPipelines.Load(nameOrFile), ModelStore.Locate(options?.ModelsDirectory));

    /// <summary>A pipeline document already read: checked completely (every problem reported with its line), then built.</summary>
    public static Pipeline Open(PipelineDocument document, PipelineOptions? options = null)
    {
        options ??= new PipelineOptions();
        var runOptions = new RunOptions { Workers = options.Workers, Batch = options.Batch };
        if (options.Workers < 0) throw new ConfigurationException(null, "--workers must be 0 (automatic) or more");
        if (options.Batch < 1) throw new ConfigurationException(null, "--batch must be 1 (no batching) or more");
        if (options.IntraOpThreads < 0) throw new ConfigurationException(null, "--threads must be 0 (automatic) or more");
        if (options.BatchWait < TimeSpan.Zero) throw new ConfigurationException(null, "--batch-wait must be 0 ms or more");

        var store = ModelStore.Locate(options.ModelsDirectory);
        var checkedPipeline = PipelineBuilder.Check(document, store);
        var engine = new EngineOptions
        {
            Device = options.Device,
            IntraOpThreads = runOptions.IntraOpThreads(options.IntraOpThreads),
            InterOpThreads = options.InterOpThreads,
            MaxBatch = options.Batch,
            BatchWait = options.BatchWait,
            Warn = options.Warn,
        };
        NativeRuntime.AvoidIppWhereSlow();
        NativeRuntime.ShareCores(engine.IntraOpThreads);
        var models = new ModelCatalog(store, engine);
        try
        {
            return new Pipeline(PipelineBuilder.Build(checkedPipeline, models, ownsModels: true), options, runOptions, engine, store);
        }
        catch
        {
            models.Dispose();
            throw;
        }
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
        using var frame = FrameOf(image, name, Interlocked.Increment(ref _nextIndex));
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
        await foreach (var result in OrderedWorkers.Map(Indexed(files), item => Process(item.File, item.Index), _ => { }, Workers, cancel))
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
        OrderedWorkers.Map(IndexedFrames(frames, cancel), item =>
        {
            using var owned = item.Image;
            var name = $"frame-{item.Index}";
            try
            {
                using var frame = FrameOf(owned, name, item.Index);
                return Execute(frame, null);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return PipelineResult.Failed(name, item.Index, GraphRunner.DescribeFailure(name, e));
            }
        }, item => item.Image.Dispose(), Workers, cancel);

    /// <summary>
    /// Runs the pipeline over a folder, file, glob or @list into <paramref name="outputDirectory"/>: every sink
    /// writes (results.jsonl, annotated images, masks, …) as `vision run` does, in input order whatever the worker
    /// count. The folder is checked to be writable before the first image.
    /// </summary>
    /// <exception cref="ConfigurationException">no images found, or the output folder cannot be written</exception>
    public RunSummary Run(string input, string outputDirectory, WriteOptions? options = null, IProgress<RunProgress>? progress = null,
        CancellationToken cancel = default)
    {
        var layout = PrepareOutput(outputDirectory);
        var resolution = Resolve(input, exclude: layout.Directory);
        if (resolution.Files.Count == 0) throw new ConfigurationException(input, "no image files found");
        return Run(resolution.Files, layout, options, progress, cancel) with { SkippedNonImages = resolution.SkippedNonImages };
    }

    /// <summary>Runs the pipeline over the files given (each named by its relative path in the outputs).</summary>
    /// <inheritdoc cref="Run(string, string, WriteOptions?, IProgress{RunProgress}?, CancellationToken)"/>
    public RunSummary Run(IReadOnlyList<InputFile> files, string outputDirectory, WriteOptions? options = null,
        IProgress<RunProgress>? progress = null, CancellationToken cancel = default) =>
        Run(files, PrepareOutput(outputDirectory), options, progress, cancel);

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

    /// <summary>Where a run writes: created if needed, and proven writable before any image is processed.</summary>
    public static OutputLayout PrepareOutput(string directory)
    {
        if (File.Exists(directory)) throw new ConfigurationException(directory, "--output names a file; give a folder");
        try
        {
            Directory.CreateDirectory(directory);
            AtomicFile.RemoveLeftovers(directory);
            var probe = Path.Combine(directory, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(directory, $"cannot write to the output folder: {e.Message}");
        }
        return new OutputLayout(directory);
    }

    public void Dispose() => _graph.Dispose();

    /// <summary>The input's files as the options say to walk folders; what was left out and why goes to the warnings.</summary>
    private InputResolver.Resolution Resolve(string input, string? exclude)
    {
        var resolution = InputResolver.Resolve(input, exclude, _options.FollowLinks);
        foreach (var warning in resolution.Warnings) _options.Warn?.Invoke(warning);
        return resolution;
    }

    private PipelineResult Process(InputFile file, long index)
    {
        try
        {
            var (frame, exif) = ImageFileDecoder.DecodeWithExif(file, index);
            using (frame) return Execute(frame, exif);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return PipelineResult.Failed(file.RelativePath, index, GraphRunner.DescribeFailure(file.RelativePath, e));
        }
    }

    private PipelineResult Execute(Frame frame, ExifRecord? exif)
    {
        using var context = new FrameContext(frame);
        _graph.Execute(context);
        var record = _results.Build(context, exif);
        var detections = new List<Detection>();
        var classifications = new List<Classification>();
        var masks = new List<MaskTarget>();
        var embeddings = new List<Embedding>();
        foreach (var node in _results.RecordedNodes)
        {
            switch (context.Get(node))
            {
                case DetectionsValue d:
                    detections.AddRange(d.Items);
                    if (_classifiers.Contains(node)) classifications.AddRange(d.Items.Select(x => new Classification(x.Node, x.Label, x.Score)));
                    break;
                case MasksValue:
                    masks.AddRange(((MasksValue)context.Take(node)!).Items); // the result owns these Mats now
                    break;
                case EmbeddingsValue e:
                    embeddings.AddRange(e.Items);
                    break;
            }
        }
        return new PipelineResult(record, frame.Index, detections, classifications, masks, embeddings);
    }

    /// <summary>A frame over a caller's image: borrowed as it is when 8-bit BGR, else converted into a copy the frame owns.</summary>
    private static Frame FrameOf(Mat image, string name, long index)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.IsDisposed || image.Empty()) throw new VisionException(name, "empty image");
        if (image.Depth() != MatType.CV_8U || image.Channels() is not (1 or 3 or 4))
            throw new VisionException(name, $"expected an 8-bit image with 1, 3 or 4 channels, got {image.Type()}");
        if (image.Channels() == 3) return new Frame(image, name, name, index, ownsImage: false);
        var bgr = new Mat();
        Cv2.CvtColor(image, bgr, image.Channels() == 1 ? ColorConversionCodes.GRAY2BGR : ColorConversionCodes.BGRA2BGR);
        return new Frame(bgr, name, name, index);
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

    private static async IAsyncEnumerable<(InputFile File, long Index)> Indexed(IReadOnlyList<InputFile> files)
    {
        for (int i = 0; i < files.Count; i++) yield return (files[i], i);
        await Task.CompletedTask;
    }

    private static async IAsyncEnumerable<(Mat Image, long Index)> IndexedFrames(IAsyncEnumerable<Mat> frames,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        long index = 0;
        await foreach (var frame in frames.WithCancellation(cancel)) yield return (frame, index++);
    }
}

/// <summary>How a run that writes its outputs treats the output folder.</summary>
public sealed record WriteOptions
{
    /// <summary>Skip images already in the output's results.jsonl (or the .partial of a stopped run).</summary>
    public bool Resume { get; init; }

    /// <summary>Process only this shard of the images (join the shards' outputs with `vision merge`).</summary>
    public Shard? Shard { get; init; }
}
