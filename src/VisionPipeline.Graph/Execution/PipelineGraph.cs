using System.Collections.Concurrent;
using System.Diagnostics;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Nodes.Sinks;

namespace VisionPipeline.Graph.Execution;

/// <summary>
/// A built pipeline: nodes in an order where every node comes after its inputs, the record sinks fed in input
/// order, and the models it opened (which it owns). Several frames may run through it at once.
/// </summary>
public sealed class PipelineGraph(string name, string? description, IReadOnlyList<IGraphNode> nodes,
    IReadOnlyList<IRecordSink> recordSinks, RecordBuilder records, ModelCatalog models) : IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _timings = new();

    public string Name { get; } = name;
    public string? Description { get; } = description;
    public IReadOnlyList<IGraphNode> Nodes { get; } = nodes;
    public IReadOnlyList<IRecordSink> RecordSinks { get; } = recordSinks;
    public RecordBuilder Records { get; } = records;
    public ModelCatalog Models { get; } = models;

    /// <summary>Runs every node on the frame; the context then holds every node's output.</summary>
    public void Execute(FrameContext context)
    {
        foreach (var node in Nodes)
        {
            long start = Stopwatch.GetTimestamp();
            node.Execute(context);
            _timings.GetOrAdd(node.Id, _ => new ConcurrentQueue<double>()).Enqueue(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    /// <summary>Forgets the node timings (a new run starts).</summary>
    public void ResetTimings() => _timings.Clear();

    /// <summary>Milliseconds each node took, one entry per frame.</summary>
    public IReadOnlyDictionary<string, double[]> NodeTimings =>
        _timings.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());

    public void Dispose()
    {
        foreach (var sink in RecordSinks.OfType<IDisposable>()) sink.Dispose();
        Models.Dispose();
    }
}
