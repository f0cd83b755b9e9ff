using VisionPipeline.Core.Targets;
using VisionPipeline.Decoders.Detection;
using VisionPipeline.Decoders.Segmentation;
using VisionPipeline.Decoders.Suppression;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>YOLOv8-seg: boxes decoded as YOLOv8 with mask coefficients, then one mask per instance at frame size.</summary>
public sealed class InstanceSegmentHead(ModelSession model, BoxDecodeSettings settings, float maskThreshold, LabelSet labels) : IModelHead
{
    public PortType? OutputFor(PortType input) => input == PortType.Image ? PortType.Masks : null;

    public GraphValue Run(string nodeId, GraphValue input, FrameContext context)
    {
        var image = (ImageValue)input;
        var spec = model.InputSpec;
        var (placement, outputs) = ModelInput.Run(model, image.Image);
        using (outputs)
        {
            var detections = ModelInput.ByRank(model, outputs, 3);
            var prototypes = ModelInput.ByRank(model, outputs, 4);
            int count = prototypes.Shape[1];
            int classes = detections.Shape[1] - 4 - count;
            var candidates = YoloDecoder.DecodeV8(detections.Data, detections.Shape[2], classes, settings.ScoreThreshold, count, settings.Classes);
            var kept = Nms.Apply(candidates, settings.Nms);
            // Masks are made in frame pixels: boxes mapped to the frame, the frame → tensor map for the masks.
            var frameToTensor = image.FromFrame.Then(placement.ToTensor);
            var inFrame = kept.Select(k => k.MapWith(placement.ToOriginal.Then(image.ToFrame)))
                .Select(k => k with { Box = k.Box.ClipTo(context.Frame.Width, context.Frame.Height) }).ToList();
            var masks = InstanceMaskDecoder.Decode(prototypes.Data, count, prototypes.Shape[2], prototypes.Shape[3], inFrame,
                frameToTensor, spec.Width, spec.Height, context.Frame.Width, context.Frame.Height, maskThreshold);
            return new MasksValue(masks.Select((m, i) => new MaskTarget(nodeId, labels[inFrame[i].ClassId], m)
            {
                Score = inFrame[i].Score,
                Box = inFrame[i].Box,
            }).ToList());
        }
    }
}
