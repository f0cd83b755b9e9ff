using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Output;
using VisionPipeline.Zoo;

namespace VisionPipeline.Graph.Definition;

/// <summary>What a node kind sees of one node while the graph is checked and built.</summary>
public sealed class NodeContext
{
    private readonly Action<PipelineError> _report;

    internal NodeContext(PipelineDocument document, NodeDefinition node, object options,
        IReadOnlyDictionary<string, IReadOnlyList<string>> inputs, IReadOnlyDictionary<string, PortType> types,
        IReadOnlyDictionary<string, IReadOnlyList<string>> labels, ModelStore store, Action<PipelineError> report)
    {
        Document = document;
        Node = node;
        Options = options;
        Inputs = inputs;
        Types = types;
        KnownLabels = labels;
        Store = store;
        _report = report;
    }

    public PipelineDocument Document { get; }
    public NodeDefinition Node { get; }
    public string Id => Node.Id;

    /// <summary>
    /// The node's typed options (its kind's options record), parsed and range-checked from its parameters; the
    /// kind's check may refine them (the model node's decoder resolved, its options bound).
    /// </summary>
    public object Options { get; internal set; }

    /// <summary>Port name → node ids feeding it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Inputs { get; }

    /// <summary>Output type of every node checked so far.</summary>
    public IReadOnlyDictionary<string, PortType> Types { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> KnownLabels { get; }
    public ModelStore Store { get; }

    /// <summary>Set while building (not while only checking).</summary>
    public ModelCatalog? Models { get; internal set; }
    public OutputLayout? Output { get; internal set; }

    public string Input(string port) => Inputs.TryGetValue(port, out var ids) && ids.Count > 0 ? ids[0] : "";
    public IReadOnlyList<string> InputList(string port) => Inputs.TryGetValue(port, out var ids) ? ids : [];
    public PortType TypeOf(string port) => Types[Input(port)];

    /// <summary>Reports a problem at the value of <paramref name="parameter"/>, or at the node's start when none is named or written.</summary>
    public void Error(string message, string? parameter = null) =>
        _report(new PipelineError(Document.Path, parameter is not null && Node.Params.TryGetValue(parameter, out var p) ? p.At : Node.At, Node.Id, message));

    /// <summary>Reports a parameter that should not be there at all: at its key.</summary>
    public void ErrorAtKey(string message, string parameter) =>
        _report(new PipelineError(Document.Path, Node.Params.TryGetValue(parameter, out var p) ? p.KeyAt : Node.At, Node.Id, message));
}
