using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Output;

namespace VisionPipeline.Graph.Nodes.Sinks;

/// <summary>One 8-bit PNG per mask: 255 inside, 0 outside.</summary>
public sealed class MasksSink(string id, IReadOnlyList<string> inputs, string directory) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "sink.masks";
    public PortType? Output => null;
    public string Directory { get; } = directory;
    public IReadOnlyList<string> Inputs { get; } = inputs;

    public void Execute(FrameContext context)
    {
        var perNode = new Dictionary<string, int>();
        foreach (var mask in SinkInputs.Masks(context, Inputs))
        {
            int index = perNode.GetValueOrDefault(mask.Node);
            perNode[mask.Node] = index + 1;
            context.WriteImage(context.Output.Full(OutputLayout.MaskRelativePath(Directory, context.Frame.RelativePath, mask.Node, index)), mask.Mask);
        }
    }
}
