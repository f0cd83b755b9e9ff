using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Targets;
using VisionPipeline.Decoders.Segmentation;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>A per-pixel probability model (selfie segmentation): the map brought back to the frame and thresholded.</summary>
public sealed class ProbabilityMaskHead(ModelSession model, float threshold, string label) : IModelHead
{
    public PortType? OutputFor(PortType input) => input == PortType.Image ? PortType.Masks : null;

    public GraphValue Run(string nodeId, GraphValue input, FrameContext context)
    {
        var image = (ImageValue)input;
        var (placement, outputs) = ModelInput.Run(model, image.Image);
        using (outputs)
        {
            var map = outputs[0];
            int h = map.Shape.Length >= 2 ? map.Shape[^2] : 0, w = map.Shape.Length >= 2 ? map.Shape[^1] : 0;
            if (h <= 0 || w <= 0 || map.Length != h * w)
                throw new VisionException(model.Engine.ModelPath, $"expected one probability map [1, 1, h, w], got {map.ShapeText}");
            var frameToMap = ModelInput.FrameToOutputMap(image, placement, model.InputSpec, w, h);
            var mask = ProbabilityMaskDecoder.ToBinaryMask(map.Data, w, h, frameToMap, context.Frame.Width, context.Frame.Height, threshold);
            return new MasksValue([new MaskTarget(nodeId, label, mask)]);
        }
    }
}
