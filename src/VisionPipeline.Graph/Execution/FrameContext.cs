using OpenCvSharp;
using VisionPipeline.Core.Frames;
using VisionPipeline.Core.IO;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Execution;

/// <summary>
/// One frame on its way through the graph: the values each node produced so far. Disposes them at the end, except
/// those taken out with <see cref="Take"/>. Without an output folder the frame is processed in memory.
/// </summary>
/// <param name="pending">Where image files the sinks write wait for the caller to commit them, and who encodes them
/// (null: each is written whole and in place at once).</param>
public sealed class FrameContext(Frame frame, OutputLayout? output = null, (List<IPendingFile> Files, ImageFileHandOff HandOff)? pending = null) : IDisposable
{
    private readonly Dictionary<string, GraphValue> _values = new(StringComparer.Ordinal);

    public Frame Frame { get; } = frame;

    /// <summary>Where file sinks write; only sinks read it, and the graph runs them only when <see cref="HasOutput"/>.</summary>
    public OutputLayout Output => output ?? throw new InvalidOperationException("this frame is processed in memory: it has no output folder");

    public bool HasOutput => output is not null;

    /// <summary>Writes an image file of the output (see <see cref="AtomicImageFile"/>), or leaves it to the caller to commit.</summary>
    public void WriteImage(string path, Mat image)
    {
        if (pending is not { } p) AtomicImageFile.Write(path, image);
        else p.Files.Add(p.HandOff.Prepare(path, image));
        Output.ImageWritten?.Invoke(path);
    }

    /// <summary>Milliseconds spent reading and decoding the frame's file before it was handed over (0 for frames given in memory).</summary>
    public double ReadMilliseconds { get; init; }

    public T Get<T>(string nodeId) where T : GraphValue =>
        _values.TryGetValue(nodeId, out var value)
            ? value as T ?? throw new InvalidOperationException($"node '{nodeId}' produced {value.Type}, not {typeof(T).Name}")
            : throw new InvalidOperationException($"node '{nodeId}' has not run yet");

    public GraphValue Get(string nodeId) => Get<GraphValue>(nodeId);

    public bool TryGet(string nodeId, out GraphValue? value) => _values.TryGetValue(nodeId, out value);

    public void Set(string nodeId, GraphValue value) => _values[nodeId] = value;

    /// <summary>Removes a node's value from the context: the caller owns (and disposes) it from now on.</summary>
    public GraphValue? Take(string nodeId) => _values.Remove(nodeId, out var value) ? value : null;

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
