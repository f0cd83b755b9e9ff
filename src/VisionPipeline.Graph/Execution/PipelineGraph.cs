using System.Collections.Concurrent;
using System.Diagnostics;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Nodes.Sinks;
using VisionPipeline.Graph.Nodes.Stages;
using VisionPipeline.Graph.Output;

namespace VisionPipeline.Graph.Execution;

/// <summary>
/// A built pipeline: nodes in an order where every node comes after its inputs, the record sinks it opens for each
/// run, and the models it opened (which it owns unless told otherwise). It is bound to no output folder: a frame
/// whose context has one runs the file sinks too, a frame processed in memory skips them. Several frames may run
/// through it at once.
/// </summary>
public sealed class PipelineGraph(string name, string? description, IReadOnlyList<IGraphNode> nodes,
    IReadOnlyList<RecordSinkDefinition> recordSinks, RecordBuilder records, ModelCatalog models, bool ownsModels = true) : IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _timings = new();

    public string Name { get; } = name;
    public string? Description { get; } = description;
    public IReadOnlyList<IGraphNode> Nodes { get; } = nodes;
    public RecordBuilder Records { get; } = records;
    public ModelCatalog Models { get; } = models;

    /// <summary>The sink.jsonl's file relative to the output folder, or null when the pipeline has none.</summary>
    public string? ResultsRelativePath { get; } = recordSinks.FirstOrDefault(s => s.Kind == "sink.jsonl")?.RelativePath;

    /// <summary>The nodes the pipeline's sink.jsonl writes (empty when it has none).</summary>
    public IReadOnlySet<string> ResultsNodes { get; } =
        recordSinks.FirstOrDefault(s => s.Kind == "sink.jsonl")?.Inputs.ToHashSet(StringComparer.Ordinal) ?? [];

    /// <summary>The record sinks (results.jsonl, COCO, CSV), which run after the nodes, in input order.</summary>
    public IReadOnlyList<RecordSinkDefinition> RecordSinks { get; } = recordSinks;

    /// <summary>Opens the record sinks for one run writing into <paramref name="output"/>; their time per record joins the node timings.</summary>
    public RecordSinkSet OpenRecordSinks(OutputLayout output) => new(RecordSinks.Select(s => s.Open(output)).ToList(), Time);

    /// <summary>
    /// Runs every node on the frame; the context then holds every node's output. Sinks that write files run only
    /// when the context has an output folder.
    /// </summary>
    public void Execute(FrameContext context)
    {
        foreach (var node in Nodes)
        {
            if (node.Output is null && !context.HasOutput) continue;
            long start = Stopwatch.GetTimestamp();
            node.Execute(context);
            double milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            // The source's work is reading and decoding the file, done before the frame could exist.
            if (node is SourceNode) milliseconds += context.ReadMilliseconds;
            Time(node.Id, milliseconds);
        }
    }

    private void Time(string nodeId, double milliseconds) =>
        _timings.GetOrAdd(nodeId, _ => new ConcurrentQueue<double>()).Enqueue(milliseconds);

    /// <summary>Forgets the node timings (a new run starts).</summary>
    public void ResetTimings() => _timings.Clear();

    /// <summary>Milliseconds each node took, one entry per frame.</summary>
    public IReadOnlyDictionary<string, double[]> NodeTimings =>
        _timings.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());

    public void Dispose()
    {
        if (ownsModels) Models.Dispose();
    }
}

/// <summary>A record sink node of the pipeline, opened anew for each run's output folder.</summary>
public sealed class RecordSinkDefinition(string id, string kind, string relativePath, IReadOnlyList<string> inputs, Func<OutputLayout, IRecordSink> open)
{
    public string Id { get; } = id;
    public string Kind { get; } = kind;
    public string RelativePath { get; } = relativePath;
    public IReadOnlyList<string> Inputs { get; } = inputs;
    public IRecordSink Open(OutputLayout output) => open(output);
}

/// <summary>The record sinks of one run: fed each image's record in input order, completed at the end.</summary>
/// <param name="timed">Told how many milliseconds each sink took for each record, by the sink's node id.</param>
public sealed class RecordSinkSet(IReadOnlyList<IRecordSink> sinks, Action<string, double>? timed = null) : IDisposable
{
    public IReadOnlyList<IRecordSink> Sinks { get; } = sinks;

    public void Write(long index, Core.Results.ImageRecord record)
    {
        foreach (var sink in Sinks)
        {
            long start = Stopwatch.GetTimestamp();
            sink.Write(index, record);
            timed?.Invoke(sink.Id, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    public void Complete()
    {
        foreach (var sink in Sinks) sink.Complete();
    }

    public void Dispose()
    {
        foreach (var sink in Sinks.OfType<IDisposable>()) sink.Dispose();
    }
}
