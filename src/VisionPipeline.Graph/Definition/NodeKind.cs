using VisionPipeline.Graph.Definition.Options;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Nodes.Sinks;

namespace VisionPipeline.Graph.Definition;

/// <summary>An input port of a node kind: which value types it takes, whether it takes several nodes, whether it may be left out.</summary>
public sealed record PortSpec(string Name, PortType[] Accepts, bool Many = false, bool Optional = false)
{
    public string AcceptsText => string.Join(" or ", Accepts.Select(a => a.ToString().ToLowerInvariant()));
}

/// <summary>
/// A kind of node: its ports, its parameters (declared on its typed options record), the check that gives its
/// output type and reports kind-specific mistakes, and how to build it from its checked options.
/// </summary>
public abstract class NodeKind
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public IReadOnlyList<PortSpec> Ports { get; init; } = [];

    /// <summary>The parameters a file may set, as the options record declares them (what `vision pipelines kinds` prints).</summary>
    public abstract IReadOnlyList<ParamSpec> Params { get; }

    public bool IsSink => Name.StartsWith("sink.", StringComparison.Ordinal);

    /// <summary>Whether the kind is a sink fed the per-image records in input order (results.jsonl, COCO, CSV).</summary>
    public abstract bool IsRecordSink { get; }

    /// <summary>The typed options from the values a file set, parsed and range-checked (by parameter name); the rest at their defaults.</summary>
    public abstract object CreateOptions(IReadOnlyDictionary<string, object?> values);

    /// <summary>The files and folders under the output folder that the options name.</summary>
    public abstract IEnumerable<(ParamSpec Spec, string Path)> OutputPaths(object options);

    /// <summary>The output type, or null for a sink. Reports further problems through <see cref="NodeContext.Error"/>.</summary>
    public abstract PortType? Check(NodeContext context);

    /// <summary>Labels the node's detections or masks can carry (for COCO/YOLO categories).</summary>
    public abstract IReadOnlyList<string> Labels(NodeContext context);

    /// <summary>Builds a per-frame node (not for record sinks).</summary>
    public abstract IGraphNode Build(NodeContext context);

    /// <summary>Builds a record sink (only for record sinks).</summary>
    public abstract IRecordSink BuildRecordSink(NodeContext context);
}

/// <summary>A node kind whose options are the record <typeparamref name="TOptions"/>, checked and built from it.</summary>
public sealed class NodeKind<TOptions> : NodeKind where TOptions : class, new()
{
    /// <summary>The output type, or null for a sink; reports cross-parameter mistakes through <see cref="NodeContext.Error"/>.</summary>
    public required Func<NodeContext, TOptions, PortType?> Output { get; init; }

    public Func<NodeContext, TOptions, IReadOnlyList<string>> LabelsOf { get; init; } = (_, _) => [];

    /// <summary>Builds a per-frame node; null for record sinks, which have <see cref="RecordSink"/>.</summary>
    public Func<NodeContext, TOptions, IGraphNode>? Node { get; init; }

    public Func<NodeContext, TOptions, IRecordSink>? RecordSink { get; init; }

    public override IReadOnlyList<ParamSpec> Params => OptionsSchema.Of<TOptions>().Params;
    public override bool IsRecordSink => RecordSink is not null;
    public override object CreateOptions(IReadOnlyDictionary<string, object?> values) => OptionsSchema.Create<TOptions>(values);
    public override IEnumerable<(ParamSpec Spec, string Path)> OutputPaths(object options) => OptionsSchema.Of<TOptions>().OutputPaths(options);
    public override PortType? Check(NodeContext context) => Output(context, Options(context));
    public override IReadOnlyList<string> Labels(NodeContext context) => LabelsOf(context, Options(context));

    public override IGraphNode Build(NodeContext context) =>
        (Node ?? throw new InvalidOperationException($"{Name} is a record sink")).Invoke(context, Options(context));

    public override IRecordSink BuildRecordSink(NodeContext context) =>
        (RecordSink ?? throw new InvalidOperationException($"{Name} is not a record sink")).Invoke(context, Options(context));

    private static TOptions Options(NodeContext context) => (TOptions)context.Options;
}
