using VisionPipeline.Decoders.Suppression;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>
/// MediaPipe's SSD detectors (the OID v4 object detector, the palm detector): anchors and box decoding as their graph
/// files set them, sigmoid scores, NMS across classes (weighted for palms); palms carry 7 keypoints.
/// </summary>
public sealed class MediaPipeSsdKind() : DecoderKind<MediaPipeSsdKind.Options>("mediapipe-ssd", HeadKind.Detect, fromImage: PortType.Detections, fromCrops: PortType.Detections)
{
    public sealed record Options : LabelledBoxOptions
    {
        [IouThreshold] public float IouThreshold { get; init; } = 0.4f;
    }

    protected override IModelHead Build(HeadContext context, Options options)
    {
        var labels = context.Labels(options.LabelsFile);
        var nms = new NmsOptions { IouThreshold = options.IouThreshold, ClassAgnostic = true, MaxDetections = options.TopK };
        return new BoxDetectHead(context.Session, BoxOutputs.MediaPipeSsd, suppress: false, options.Settings(labels, context.Files.PipelinePath, nms), labels);
    }
}
