namespace VisionPipeline.Graph.Definition;

/// <summary>A parsed pipeline file, before validation: nodes with their inputs and parameters, and where each was written.</summary>
public sealed record PipelineDocument(string Path, string Name, string? Description, IReadOnlyList<NodeDefinition> Nodes);

public sealed record NodeDefinition(string Id, string Kind, int Line)
{
    /// <summary>Port name → the ids of the nodes feeding it (in file order). A plain `input: x` binds to the kind's first port.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<InputReference>> Inputs { get; init; } = new Dictionary<string, IReadOnlyList<InputReference>>();

    /// <summary>Every other key of the node: its parameters, as written.</summary>
    public IReadOnlyDictionary<string, ParamValue> Params { get; init; } = new Dictionary<string, ParamValue>();

    /// <summary>Set when inputs were given as `input:` or a list: they go to the kind's first port(s).</summary>
    public bool InputsUnnamed { get; init; }

    /// <summary>The line of the node's `kind:` value, where a mistake in the kind is reported.</summary>
    public int KindLine { get; init; } = Line;
}

public sealed record InputReference(string NodeId, int Line);

/// <summary>A parameter as written: a scalar, or a list of scalars.</summary>
public sealed record ParamValue(string Name, int Line, string? Scalar, IReadOnlyList<string>? Items)
{
    public bool IsList => Items is not null;
    public override string ToString() => IsList ? $"[{string.Join(", ", Items!)}]" : Scalar ?? "";
}
