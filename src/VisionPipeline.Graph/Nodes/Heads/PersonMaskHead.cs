using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Runtime;
using VisionPipeline.Graph.Values;
using VisionPipeline.Heads.Segmentation;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>A per-pixel probability model (selfie segmentation): the map brought back to the frame and thresholded.</summary>
public sealed class PersonMaskHead(ModelSession model, float threshold, string label) : IModelHead
{
    public PortType? OutputFor(PortType input) => input == PortType.Image ? PortType.Masks : null;

    public GraphValue Run(string nodeId, GraphValue input, FrameContext context)
    {
        var image = (ImageValue)input;
        var spec = model.InputSpec;
        var (prepared, tensor) = ModelInput.Prepare(image.Image, spec, spec.Width, spec.Height);
        using (prepared)
        using (tensor)
        using (var outputs = model.Run(tensor))
        {
            var map = outputs[0];
            if (map.Length != spec.Width * spec.Height)
                throw new VisionException(model.Engine.ModelPath, $"expected a {spec.Width}×{spec.Height} probability map, got {map.ShapeText}");
            var frameToTensor = image.FromFrame.Then(prepared.ToTensor);
            var mask = ProbabilityMaskHead.ToBinaryMask(map.Data, spec.Width, spec.Height, frameToTensor,
                context.Frame.Width, context.Frame.Height, threshold);
            return new MasksValue([new MaskTarget(nodeId, label, mask)]);
        }
    }
}
