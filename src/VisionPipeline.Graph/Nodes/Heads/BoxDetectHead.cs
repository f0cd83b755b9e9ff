using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Targets;
using VisionPipeline.Decoders.Common;
using VisionPipeline.Decoders.Detection;
using VisionPipeline.Decoders.Suppression;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Heads;

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
