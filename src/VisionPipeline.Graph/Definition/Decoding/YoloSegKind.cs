using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>Ultralytics YOLOv8-seg: one mask per instance, from an image.</summary>
public sealed class YoloSegKind() : DecoderKind<YoloSegKind.Options>("yolo-seg", HeadKind.Segment, fromImage: PortType.Masks, fromCrops: null)
{
    public sealed record Options() : NmsBoxOptions(scoreThreshold: 0.25f)
    {
        [Threshold] public float Threshold { get; init; } = 0.5f;
    }

    public override TensorSpec DefaultSpec(TensorSpec spec) => Ultralytics(spec);

    protected override IModelHead Build(HeadContext context, Options options)
    {
        var labels = context.Labels(options.LabelsFile);
        return new InstanceSegmentHead(context.Session, options.Settings(labels, context.Files.PipelinePath), options.Threshold, labels);
    }
}
