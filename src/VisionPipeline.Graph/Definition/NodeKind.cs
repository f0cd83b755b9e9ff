using VisionPipeline.Graph.Execution;

namespace VisionPipeline.Graph.Definition;

/// <summary>An input port of a node kind: which value types it takes, whether it takes several nodes, whether it may be left out.</summary>
public sealed record PortSpec(string Name, PortType[] Accepts, bool Many = false, bool Optional = false)
{
    public string AcceptsText => string.Join(" or ", Accepts.Select(a => a.ToString().ToLowerInvariant()));
}

/// <summary>
/// A kind of node: its ports, its parameters, the rule that gives its output type (and reports kind-specific
/// mistakes), and how to build it.
/// </summary>
public sealed class NodeKind
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public IReadOnlyList<PortSpec> Ports { get; init; } = [];
    public IReadOnlyList<ParamSpec> Params { get; init; } = [];

    /// <summary>The output type, or null for a sink. Reports further problems through <see cref="NodeContext.Error"/>.</summary>
    public required Func<NodeContext, PortType?> Output { get; init; }

    /// <summary>Labels the node's detections or masks can carry (for COCO/YOLO categories).</summary>
    public Func<NodeContext, IReadOnlyList<string>> Labels { get; init; } = _ => [];

    /// <summary>Builds a per-frame node; null for record sinks, which get <see cref="BuildRecordSink"/>.</summary>
    public Func<NodeContext, IGraphNode>? Build { get; init; }

    /// <summary>Builds a sink fed the per-image records in input order (results.jsonl, COCO, CSV).</summary>
    public Func<NodeContext, Nodes.Sinks.IRecordSink>? BuildRecordSink { get; init; }

    public bool IsSink => Name.StartsWith("sink.", StringComparison.Ordinal);
}
