using VisionPipeline.Core.Frames;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Execution;

/// <summary>One frame on its way through the graph: the values each node produced so far. Disposes them at the end.</summary>
public sealed class FrameContext(Frame frame, OutputLayout output) : IDisposable
{
    private readonly Dictionary<string, GraphValue> _values = new(StringComparer.Ordinal);

    public Frame Frame { get; } = frame;
    public OutputLayout Output { get; } = output;

    public T Get<T>(string nodeId) where T : GraphValue =>
        _values.TryGetValue(nodeId, out var value)
            ? value as T ?? throw new InvalidOperationException($"node '{nodeId}' produced {value.Type}, not {typeof(T).Name}")
            : throw new InvalidOperationException($"node '{nodeId}' has not run yet");

    public GraphValue Get(string nodeId) => Get<GraphValue>(nodeId);

    public bool TryGet(string nodeId, out GraphValue? value) => _values.TryGetValue(nodeId, out value);

    public void Set(string nodeId, GraphValue value) => _values[nodeId] = value;

    public void Dispose()
    {
        foreach (var v in _values.Values) v.Dispose();
        _values.Clear();
    }
}

/// <summary>A node of a built pipeline: reads its inputs from the context and stores its output under its id.</summary>
public interface IGraphNode
{
    string Id { get; }
    string Kind { get; }

    /// <summary>What the node produces; null for sinks.</summary>
    PortType? Output { get; }

    void Execute(FrameContext context);
}
