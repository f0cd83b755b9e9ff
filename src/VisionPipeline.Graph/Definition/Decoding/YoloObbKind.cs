using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>Ultralytics YOLOv8/11 oriented boxes: each a 4-point polygon (and its bounding box), from an image or crops.</summary>
public sealed class YoloObbKind() : DecoderKind<YoloObbKind.Options>("yolo-obb", HeadKind.Detect, fromImage: PortType.Detections, fromCrops: PortType.Detections)
{
    public sealed record Options() : NmsBoxOptions(scoreThreshold: 0.25f);

    public override TensorSpec DefaultSpec(TensorSpec spec) => Ultralytics(spec);

    /// <summary>Overlaps are suppressed by rotated IoU inside the decoding; top_k caps what is kept.</summary>
    protected override IModelHead Build(HeadContext context, Options options)
    {
        var labels = context.Labels(options.LabelsFile);
        return new BoxDetectHead(context.Session, BoxOutputs.YoloObb, suppress: false, options.Settings(labels, context.Files.PipelinePath), labels);
    }
}
