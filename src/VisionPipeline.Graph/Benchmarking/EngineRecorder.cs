using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Runs;
using VisionPipeline.Graph.Sources;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Graph.Benchmarking;

/// <summary>
/// What `vision bench` needs to replay a run as its engine floor: every engine run each image made, with the worker
/// that made it, the image files its sinks wrote (when the run's <see cref="Output.OutputLayout.ImageWritten"/> tells
/// <see cref="ImageWritten"/>), and (while <see cref="Samples"/> is set) the real inputs. While attached it wraps the engines of a
/// graph's model sessions in recording engines and observes the runner's images; disposing it puts the engines back.
/// A run that no recorder observes has none of this in its path.
/// </summary>
public sealed class EngineRecorder : IRunObserver, IDisposable
{
    private readonly ThreadLocal<ImageLog?> _current = new();
    private readonly Dictionary<int, ImageEngineRuns> _finished = [];
    private readonly ModelCallInterner _interner = new();
    private readonly IReadOnlyList<ModelSession> _sessions;

    private EngineRecorder(ModelCatalog models)
    {
        _sessions = models.Sessions;
        foreach (var session in _sessions) session.Runner = new RecordingEngine(session.Engine, session, this);
    }

    /// <summary>Starts recording the engine runs of the sessions the catalog has opened.</summary>
    public static EngineRecorder Attach(ModelCatalog models) => new(models);

    /// <summary>Where the inputs of the images observed from now on are kept (null: not kept).</summary>
    public ModelInputSamples? Samples { get; set; }

    public void ImageStarted(int position, InputFile file, int worker) =>
        _current.Value = new ImageLog(position, file.FullPath, worker, Samples?.ForImage(file.FullPath));

    public void ImageFinished(int position)
    {
        if (_current.Value is not { } log || log.Position != position) return;
        _current.Value = null;
        var runs = new ImageEngineRuns(log.Image, log.Worker, _interner.Intern(log.Calls)) { Written = _interner.Intern(log.Written) };
        lock (_finished) _finished[position] = runs;
    }

    /// <summary>The engine runs of the images finished since the last call, in input order; forgets them.</summary>
    public IReadOnlyList<ImageEngineRuns> TakeRuns()
    {
        lock (_finished)
        {
            var runs = _finished.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList();
            _finished.Clear();
            return runs;
        }
    }

    /// <summary>Notes an image file a sink wrote for the image this thread is processing (see <see cref="Output.OutputLayout.ImageWritten"/>).</summary>
    public void ImageWritten(string path) => _current.Value?.Written.Add(path);

    internal void Record(ModelSession session, IReadOnlyList<TensorBuffer> inputs)
    {
        if (_current.Value is not { } log) return; // not an observed image's thread (the floor's replay, a warm-up elsewhere)
        log.Calls.Add(new ModelCall(session, inputs.Select(i => i.Name).ToArray(), inputs.Select(i => i.Shape).ToArray()));
        log.Samples?.Keep(session, inputs);
    }

    public void Dispose()
    {
        foreach (var session in _sessions) session.Runner = session.Engine;
        _current.Dispose();
    }

    private sealed record ImageLog(int Position, string Image, int Worker, ModelInputSamples.ImageInputs? Samples)
    {
        public List<ModelCall> Calls { get; } = [];
        public List<string> Written { get; } = [];
    }
}
