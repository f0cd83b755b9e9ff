using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Definition.Options;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>MediaPipe landmark models (pose 33, hand 21 + handedness, face mesh 468) on crops from a detector, or on a whole image.</summary>
public sealed class LandmarksKind() : DecoderKind<LandmarksKind.Options>("landmarks", HeadKind.Detect, fromImage: PortType.Detections, fromCrops: PortType.Detections)
{
    public sealed record Options : DecoderOptions, ILabelsFileOption
    {
        [Threshold] public float Threshold { get; init; } = 0.5f;
        [LabelsFile] public string? LabelsFile { get; init; }

        [Param("refine", "landmarks: look again at the region the first look's alignment points give (pose), as MediaPipe does")]
        public bool Refine { get; init; } = true;
    }

    protected override IModelHead Build(HeadContext context, Options options) =>
        new LandmarkHead(context.Session, options.Threshold, context.Labels(options.LabelsFile), options.Refine);
}
