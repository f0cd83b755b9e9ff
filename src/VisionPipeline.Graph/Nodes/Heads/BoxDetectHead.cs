using OpenCvSharp;
using VisionPipeline.Core.Targets;
using VisionPipeline.Decoders.Common;
using VisionPipeline.Decoders.Suppression;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>
/// Box detectors: YOLO v5/v8/11, end-to-end, pose and oriented boxes, SSD, torchvision, MediaPipe's SSDs (see <see cref="BoxOutputs"/>); the
/// candidates are suppressed unless the model did that itself, and boxes come back in frame pixels.
/// </summary>
public sealed class BoxDetectHead(ModelSession model, BoxCandidates decode, bool suppress, BoxDecodeSettings settings, LabelSet labels) : IModelHead
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
                    foreach (var b in Detect(crop.Image))
                        found.Add(ToDetection(nodeId, b.MapWith(crop.ToFrame.Apply, crop.ToFrame.Apply), context));
                break;
        }
        return new DetectionsValue(found);
    }

    /// <summary>Detections in the given image's pixels, best first.</summary>
    public List<ScoredBox> Detect(Mat image)
    {
        var (placement, outputs) = ModelInput.Run(model, image);
        using (outputs)
        {
            var candidates = decode(model, outputs, settings);
            var kept = suppress ? Nms.Apply(candidates, settings.Nms) : candidates.OrderByDescending(c => c.Score).ToList();
            if (!suppress && settings.Nms.MaxDetections > 0) kept = kept.Take(settings.Nms.MaxDetections).ToList();
            return kept.Select(k => k.MapWith(placement.ToOriginal)).ToList();
        }
    }

    /// <summary>Boxes are clipped to the frame, as Ultralytics and torchvision clip them to the image.</summary>
    private Detection ToDetection(string node, ScoredBox b, FrameContext context) =>
        new(node, labels[b.ClassId], b.Score, b.Box.ClipTo(context.Frame.Width, context.Frame.Height))
        {
            Keypoints = b.Keypoints,
            KeypointScores = b.KeypointScores,
            Skeleton = b.Keypoints?.Length == Skeleton.Coco17.Keypoints.Count && b.KeypointScores is not null ? Skeleton.Coco17.Name : null,
            Polygon = b.Polygon,
        };
}
