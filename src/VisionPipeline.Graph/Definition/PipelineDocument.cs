using VisionPipeline.Core.Errors;

namespace VisionPipeline.Graph.Definition;

/// <summary>A parsed pipeline file, before validation: nodes with their inputs and parameters, and where each was written.</summary>
public sealed record PipelineDocument(string Path, string Name, string? Description, IReadOnlyList<NodeDefinition> Nodes);

/// <param name="At">Where the node's mapping starts (its first key).</param>
public sealed record NodeDefinition(string Id, string Kind, TextPosition At)
{
    /// <summary>Port name → the ids of the nodes feeding it (in file order). A plain `input: x` binds to the kind's first port.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<InputReference>> Inputs { get; init; } = new Dictionary<string, IReadOnlyList<InputReference>>();

    /// <summary>Every other key of the node: its parameters, as written.</summary>
    public IReadOnlyDictionary<string, ParamValue> Params { get; init; } = new Dictionary<string, ParamValue>();

    /// <summary>Set when inputs were given as `input:` or a list: they go to the kind's first port(s).</summary>
    public bool InputsUnnamed { get; init; }

    /// <summary>Where the node's `id:` value stands, where a duplicate or malformed id is reported.</summary>
    public TextPosition IdAt { get; init; } = At;

    /// <summary>Where the node's `kind:` value stands, where a mistake in the kind is reported.</summary>
    public TextPosition KindAt { get; init; } = At;

    /// <summary>Where the node's input reference to <paramref name="source"/> is written (the node's start when it is not).</summary>
    public TextPosition InputAt(string source) =>
        Inputs.Values.SelectMany(r => r).FirstOrDefault(r => r.NodeId == source)?.At ?? At;
}

public sealed record InputReference(string NodeId, TextPosition At);

/// <summary>A parameter as written: a scalar, or a list of scalars; <paramref name="At"/> is where its value stands.</summary>
public sealed record ParamValue(string Name, TextPosition At, string? Scalar, IReadOnlyList<string>? Items)
{
    /// <summary>Where the parameter's key stands, where an unknown parameter is reported.</summary>
    public TextPosition KeyAt { get; init; } = At;

    public bool IsList => Items is not null;
    public override string ToString() => IsList ? $"[{string.Join(", ", Items!)}]" : Scalar ?? "";
}
