using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>
/// Preprocessing + engine + decoder for one kind of model output. A head says what it makes from an image and
/// from crops (null: that input is not supported).
/// </summary>
public interface IModelHead
{
    PortType? OutputFor(PortType input);

    GraphValue Run(string nodeId, GraphValue input, FrameContext context);
}

public sealed class ModelNode(string id, string input, IModelHead head, PortType output) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "model";
    public PortType? Output { get; } = output;

    /// <summary>The node whose image or crops the head runs on.</summary>
    public string InputId { get; } = input;

    public IModelHead Head { get; } = head;

    public void Execute(FrameContext context) => context.Set(Id, Head.Run(Id, context.Get(InputId), context));
}
