using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Zoo;

namespace VisionPipeline.Graph.Models;

/// <summary>Per-node changes to how a model is opened and fed.</summary>
public sealed record SessionOverrides(EngineKind? Engine = null, DeviceKind? Device = null, int Threads = 0, Func<TensorSpec, TensorSpec>? Spec = null);

/// <summary>
/// Opens models once (zoo models checksum-verified) and shares them between the nodes that use them. A failure
/// to open a model is a configuration error: nothing has been processed yet.
/// </summary>
public sealed class ModelCatalog(ModelStore store, EngineOptions options) : IDisposable
{
    private readonly Dictionary<string, IInferenceEngine> _engines = new(StringComparer.Ordinal);
    private readonly List<ModelSession> _sessions = [];
    private readonly object _gate = new();

    public ModelStore Store { get; } = store;
    public EngineOptions Options { get; } = options;

    public IReadOnlyList<ModelSession> Sessions { get { lock (_gate) return _sessions.ToArray(); } }

    /// <summary>Time all model calls have spent in their engines so far (every session, every thread).</summary>
    public TimeSpan EngineTime => TimeSpan.FromTicks(Sessions.Sum(s => s.TotalTime.Ticks));

    public ModelSession Open(string id, SessionOverrides? overrides = null)
    {
        var entry = Store.Manifest.Get(id);
        if (!entry.IsModel) throw new ConfigurationException(Store.ManifestPath, $"'{id}' is a {entry.Task} file, not a model");
        return Open(entry, Store.Resolve(entry), overrides);
    }

    /// <summary>A model file outside the zoo; its input spec comes from the overrides.</summary>
    public ModelSession OpenFile(string path, string decoder, SessionOverrides? overrides = null)
    {
        var entry = new ZooEntry
        {
            Id = Path.GetFileName(path), Task = decoder, File = path, Sha256 = new string('0', 64),
            Source = new ZooSource { Package = "", Path = path },
            Engine = EngineFactory.Resolve(path, overrides?.Engine ?? EngineKind.Auto) == EngineKind.OnnxRuntime ? "onnxruntime" : "opencv-dnn",
            Input = new ZooInput { Name = "", Shape = [1, 3, -1, -1] },
            Decoder = decoder,
        };
        return Open(entry, path, overrides);
    }

    private ModelSession Open(ZooEntry entry, string path, SessionOverrides? overrides)
    {
        var engineOptions = Options with
        {
            Engine = overrides?.Engine ?? (Options.Engine == EngineKind.Auto ? EngineOptions.ParseEngine(entry.Engine) : Options.Engine),
            Device = overrides?.Device ?? Options.Device,
            IntraOpThreads = overrides is { Threads: > 0 } ? overrides.Threads : Options.IntraOpThreads,
        };
        var key = $"{path}|{engineOptions.Engine}|{engineOptions.Device}|{engineOptions.IntraOpThreads}";
        lock (_gate)
        {
            if (!_engines.TryGetValue(key, out var engine))
            {
                var declared = entry.Input is null ? null : new[] { new TensorInfo(entry.Input.Name, entry.Input.Shape, "float") };
                try
                {
                    engine = EngineFactory.Create(path, engineOptions, declared);
                }
                catch (VisionException e) when (e is not ConfigurationException)
                {
                    throw new ConfigurationException(e.File, e.Problem, e.Position, e);
                }
                _engines[key] = engine;
            }
            var session = new ModelSession(entry, engine, overrides?.Spec);
            _sessions.Add(session);
            return session;
        }
    }

    /// <summary>The verified path of a non-model zoo file (a dictionary, a label list).</summary>
    public string ResolveFile(string id) => Store.Resolve(id);

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var e in _engines.Values) e.Dispose();
            _engines.Clear();
            _sessions.Clear();
        }
    }
}
