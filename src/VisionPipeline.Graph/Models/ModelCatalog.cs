using VisionPipeline.Core.Errors;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Inference.Zoo;

namespace VisionPipeline.Graph.Models;

/// <summary>Opens zoo models once (checksum-verified) and shares them between the nodes that use them.</summary>
public sealed class ModelCatalog(ModelStore store, EngineOptions options) : IDisposable
{
    private readonly Dictionary<string, ModelSession> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    public ModelStore Store { get; } = store;
    public EngineOptions Options { get; } = options;

    public IReadOnlyList<ModelSession> Sessions { get { lock (_gate) return _sessions.Values.ToArray(); } }

    public ModelSession Open(string id)
    {
        lock (_gate)
        {
            if (_sessions.TryGetValue(id, out var existing)) return existing;
            var entry = Store.Manifest.Get(id);
            if (!entry.IsModel) throw new ConfigurationException(Store.ManifestPath, $"'{id}' is a {entry.Task} file, not a model");
            var path = Store.Resolve(entry);
            var engineOptions = Options.Engine == EngineKind.Auto
                ? Options with { Engine = EngineOptions.ParseEngine(entry.Engine) }
                : Options;
            var declared = entry.Input is null ? null : new[] { new TensorInfo(entry.Input.Name, entry.Input.Shape, "float") };
            var session = new ModelSession(entry, EngineFactory.Create(path, engineOptions, declared));
            _sessions[id] = session;
            return session;
        }
    }

    /// <summary>The verified path of a non-model zoo file (a dictionary, a label list).</summary>
    public string ResolveFile(string id) => Store.Resolve(id);

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var s in _sessions.Values) s.Dispose();
            _sessions.Clear();
        }
    }
}
