using OpenCvSharp;
using VisionPipeline.Core.Targets;
using VisionPipeline.Decoders.Segmentation;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>Semantic segmentation [N, C, H, W] logits: one mask per class present (class 0 left out when it is background).</summary>
public sealed class SemanticSegmentHead(ModelSession model, bool background, LabelSet labels) : IModelHead
{
    public PortType? OutputFor(PortType input) => input == PortType.Image ? PortType.Masks : null;

    public GraphValue Run(string nodeId, GraphValue input, FrameContext context)
    {
        var image = (ImageValue)input;
        var (placement, outputs) = ModelInput.Run(model, image.Image);
        using (outputs)
        {
            var logits = ModelInput.ByRank(model, outputs, 4);
            int classes = logits.Shape[1], h = logits.Shape[2], w = logits.Shape[3];
            var frameToOutput = ModelInput.FrameToOutputMap(image, placement, model.InputSpec, w, h);
            using var classMap = SemanticMaskDecoder.ClassMap(logits.Data, classes, h, w, frameToOutput, context.Frame.Width, context.Frame.Height);
            var masks = new List<MaskTarget>();
            for (int c = background ? 1 : 0; c < classes; c++)
            {
                var mask = SemanticMaskDecoder.MaskOf(classMap, c);
                if (Cv2.CountNonZero(mask) == 0) { mask.Dispose(); continue; }
                masks.Add(new MaskTarget(nodeId, labels[c], mask) { ClassIndex = c });
            }
            return new MasksValue(masks);
        }
    }
}
