using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>MediaPipe BlazeFace: faces with six keypoints, from an image or crops.</summary>
public sealed class BlazeFaceKind() : DecoderKind<BlazeFaceKind.Options>("blazeface", HeadKind.Detect, fromImage: PortType.Detections, fromCrops: PortType.Detections)
{
    public sealed record Options : DecoderOptions, IClassesOption
    {
        [ScoreThreshold] public float ScoreThreshold { get; init; } = 0.5f;
        [IouThreshold] public float IouThreshold { get; init; } = 0.3f;
        [TopK] public int TopK { get; init; }
        [Classes] public string[] Classes { get; init; } = [];
    }

    public override IReadOnlyList<string> FixedLabels { get; } = ["face"];

    protected override IModelHead Build(HeadContext context, Options options)
    {
        IModelHead head = new FaceDetectHead(context.Session, options.ScoreThreshold, options.IouThreshold, options.TopK);
        return options.Classes is { Length: > 0 } keep ? new ClassFilterHead(head, keep.ToHashSet()) : head;
    }
}
