namespace VisionPipeline.Core.Targets;

/// <summary>Everything the nodes of a pipeline found in one frame. Owns the masks.</summary>
public sealed class FrameTargets : IDisposable
{
    private readonly object _gate = new();
    private readonly List<Detection> _detections = [];
    private readonly List<MaskTarget> _masks = [];
    private readonly List<Embedding> _embeddings = [];

    public IReadOnlyList<Detection> Detections { get { lock (_gate) return _detections.ToArray(); } }
    public IReadOnlyList<MaskTarget> Masks { get { lock (_gate) return _masks.ToArray(); } }
    public IReadOnlyList<Embedding> Embeddings { get { lock (_gate) return _embeddings.ToArray(); } }

    public void Add(Detection detection) { lock (_gate) _detections.Add(detection); }
    public void AddRange(IEnumerable<Detection> detections) { lock (_gate) _detections.AddRange(detections); }
    public void Add(MaskTarget mask) { lock (_gate) _masks.Add(mask); }
    public void Add(Embedding embedding) { lock (_gate) _embeddings.Add(embedding); }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var m in _masks) m.Dispose();
            _masks.Clear();
        }
    }
}
