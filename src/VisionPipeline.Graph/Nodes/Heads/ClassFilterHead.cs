using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>A head's detections restricted to some labels (the model node's `classes` parameter).</summary>
public sealed class ClassFilterHead(IModelHead inner, IReadOnlySet<string> keep) : IModelHead
{
    public PortType? OutputFor(PortType input) => inner.OutputFor(input);

    public GraphValue Run(string nodeId, GraphValue input, FrameContext context)
    {
        var value = inner.Run(nodeId, input, context);
        return value is DetectionsValue d ? new DetectionsValue(d.Items.Where(x => keep.Contains(x.Label)).ToList()) : value;
    }
}
