using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Core.Targets;
using VisionPipeline.Decoders.Classification;
using VisionPipeline.Decoders.Common;
using VisionPipeline.Decoders.Detection;
using VisionPipeline.Decoders.Segmentation;
using VisionPipeline.Decoders.Suppression;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Runtime;
using VisionPipeline.Graph.Values;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Graph.Nodes.Heads;

public sealed record BoxDecodeSettings
{
    public float ScoreThreshold { get; init; } = 0.25f;
    public NmsOptions Nms { get; init; } = new();
    public IReadOnlySet<int>? Classes { get; init; }
    public SsdOptions Ssd { get; init; } = new();
}

/// <summary>Box detectors users bring: YOLO v5/v8/11 and end-to-end, SSD, torchvision; boxes come back in frame pixels.</summary>
public sealed class BoxDetectHead(ModelSession model, string decoder, string layout, BoxDecodeSettings settings, LabelSet labels) : IModelHead
{
    public PortType? OutputFor(PortType input) => input is PortType.Image or PortType.Crops ? PortType.Detections : null;

    public GraphValue Run(string nodeId, GraphValue input, FrameContext context)
    {
        var found = new List<Detection>();
        switch (input)
        {
            case ImageValue image:
                foreach (var b in Detect(image.Image)) found.Add(ToDetection(nodeId, b.MapWith(image.ToFrame), context));
                break;
            case CropsValue crops:
                foreach (var crop in crops.Items)
                    foreach (var b in Detect(crop.Image)) found.Add(ToDetection(nodeId, b with { Box = crop.ToFrame.Apply(b.Box) }, context));
                break;
        }
        return new DetectionsValue(found);
    }

    /// <summary>Detections in the given image's pixels, best first.</summary>
    public List<ScoredBox> Detect(Mat image)
    {
        var (prepared, outputs) = ModelInput.Run(model, image);
        using (prepared)
        using (outputs)
        {
            var spec = model.InputSpec;
            List<ScoredBox> candidates;
            bool suppress = true;
            switch (decoder)
            {
                case "ssd":
                    var boxes = outputs.All.FirstOrDefault(o => string.Equals(o.Name, "boxes", StringComparison.OrdinalIgnoreCase))
                        ?? outputs.All.FirstOrDefault(o => o.Shape.Length == 3 && o.Shape[^1] == 4)
                        ?? throw new VisionException(model.Engine.ModelPath, $"no SSD box output [N, A, 4] among {string.Join(", ", outputs.All.Select(o => o.Name + o.ShapeText))}");
                    var scores = outputs.All.FirstOrDefault(o => o != boxes && o.Shape.Length == 3)
                        ?? throw new VisionException(model.Engine.ModelPath, "no SSD score output [N, A, C]");
                    candidates = SsdDecoder.Decode(boxes.Data, scores.Data, scores.Shape[2], spec.Width, spec.Height, settings.ScoreThreshold, settings.Ssd, settings.Classes);
                    break;
                case "torchvision":
                    candidates = SsdDecoder.DecodeTorchvision(outputs["boxes"].Data, outputs["labels"].ToFloatArray(), outputs["scores"].ToFloatArray(),
                        settings.ScoreThreshold, settings.Classes);
                    suppress = false;
                    break;
                default:
                    var output = ModelInput.ByRank(model, outputs, 3);
                    int a = output.Shape[1], b = output.Shape[2];
                    candidates = layout switch
                    {
                        "yolov5" => YoloDecoder.DecodeV5(output.Data, a, b - 5, settings.ScoreThreshold, settings.Classes),
                        "end2end" => YoloDecoder.DecodeEndToEnd(output.Data, settings.ScoreThreshold, settings.Classes),
                        _ => YoloDecoder.DecodeV8(output.Data, b, a - 4, settings.ScoreThreshold, 0, settings.Classes),
                    };
                    suppress = layout != "end2end";
                    break;
            }
            var kept = suppress ? Nms.Apply(candidates, settings.Nms) : candidates.OrderByDescending(c => c.Score).ToList();
            if (!suppress && settings.Nms.MaxDetections > 0) kept = kept.Take(settings.Nms.MaxDetections).ToList();
            return kept.Select(k => k.MapWith(prepared.ToOriginal)).ToList();
        }
    }

    /// <summary>Boxes are clipped to the frame, as Ultralytics and torchvision clip them to the image.</summary>
    private Detection ToDetection(string node, ScoredBox b, FrameContext context) =>
        new(node, labels[b.ClassId], b.Score, b.Box.ClipTo(context.Frame.Width, context.Frame.Height));
}

/// <summary>
/// Classifiers: [N, C] logits or probabilities → the top-k classes. On an image, one detection per class spanning
/// the frame; on crops, each crop's detection relabelled with its class.
/// </summary>
public sealed class ClassifyHead(ModelSession model, ClassActivation activation, int topK, float minScore, LabelSet labels) : IModelHead
{
    public PortType? OutputFor(PortType input) => input is PortType.Image or PortType.Crops ? PortType.Detections : null;

    public GraphValue Run(string nodeId, GraphValue input, FrameContext context)
    {
        var found = new List<Detection>();
        switch (input)
        {
            case ImageValue image:
                var frameBox = new BoxF(0, 0, context.Frame.Width, context.Frame.Height);
                foreach (var (cls, score) in Classify(image.Image)) found.Add(new Detection(nodeId, labels[cls], score, frameBox));
                break;
            case CropsValue crops:
                foreach (var crop in crops.Items)
                {
                    var parent = crop.Parent ?? new Detection(nodeId, "", 0, crop.ToFrame.Apply(new BoxF(0, 0, crop.Image.Width, crop.Image.Height)));
                    foreach (var (cls, score) in Classify(crop.Image)) found.Add(parent with { Node = nodeId, Label = labels[cls], Score = score });
                }
                break;
        }
        return new DetectionsValue(found);
    }

    public List<(int ClassId, float Score)> Classify(Mat image)
    {
        var (prepared, outputs) = ModelInput.Run(model, image);
        using (prepared)
        using (outputs)
            return ClassificationDecoder.Decode(ModelInput.ByRank(model, outputs, 2).Data, activation, topK, minScore);
    }
}

/// <summary>YOLOv8-seg: boxes decoded as YOLOv8 with mask coefficients, then one mask per instance at frame size.</summary>
public sealed class InstanceSegmentHead(ModelSession model, BoxDecodeSettings settings, float maskThreshold, LabelSet labels) : IModelHead
{
    public PortType? OutputFor(PortType input) => input == PortType.Image ? PortType.Masks : null;

    public GraphValue Run(string nodeId, GraphValue input, FrameContext context)
    {
        var image = (ImageValue)input;
        var spec = model.InputSpec;
        var (prepared, outputs) = ModelInput.Run(model, image.Image);
        using (prepared)
        using (outputs)
        {
            var detections = ModelInput.ByRank(model, outputs, 3);
            var prototypes = ModelInput.ByRank(model, outputs, 4);
            int count = prototypes.Shape[1];
            int classes = detections.Shape[1] - 4 - count;
            var candidates = YoloDecoder.DecodeV8(detections.Data, detections.Shape[2], classes, settings.ScoreThreshold, count, settings.Classes);
            var kept = Nms.Apply(candidates, settings.Nms);
            // Masks are made in frame pixels: boxes mapped to the frame, the frame → tensor map for the masks.
            var frameToTensor = image.FromFrame.Then(prepared.ToTensor);
            var inFrame = kept.Select(k => k.MapWith(prepared.ToOriginal.Then(image.ToFrame)))
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

/// <summary>Semantic segmentation [N, C, H, W] logits: one mask per class present (class 0 left out when it is background).</summary>
public sealed class SemanticSegmentHead(ModelSession model, bool background, LabelSet labels) : IModelHead
{
    public PortType? OutputFor(PortType input) => input == PortType.Image ? PortType.Masks : null;

    public GraphValue Run(string nodeId, GraphValue input, FrameContext context)
    {
        var image = (ImageValue)input;
        var (prepared, outputs) = ModelInput.Run(model, image.Image);
        using (prepared)
        using (outputs)
        {
            var logits = ModelInput.ByRank(model, outputs, 4);
            int classes = logits.Shape[1], h = logits.Shape[2], w = logits.Shape[3];
            var frameToOutput = ModelInput.FrameToOutputMap(image, prepared, model.InputSpec, w, h);
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
