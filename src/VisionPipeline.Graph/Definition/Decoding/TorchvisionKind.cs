using VisionPipeline.Decoders.Suppression;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>torchvision detection exports (boxes, labels, scores; already suppressed), from an image or crops.</summary>
public sealed class TorchvisionKind() : DecoderKind<TorchvisionKind.Options>("torchvision", HeadKind.Detect, fromImage: PortType.Detections, fromCrops: PortType.Detections)
{
    public sealed record Options : LabelledBoxOptions;

    /// <summary>The model suppresses overlaps itself; top_k (0: 300) only caps what it returns.</summary>
    protected override IModelHead Build(HeadContext context, Options options)
    {
        var labels = context.Labels(options.LabelsFile);
        var nms = new NmsOptions { MaxDetections = options.TopK > 0 ? options.TopK : new NmsOptions().MaxDetections, SoftScoreThreshold = options.ScoreThreshold };
        return new BoxDetectHead(context.Session, BoxOutputs.Torchvision, suppress: false, options.Settings(labels, context.Files.PipelinePath, nms), labels);
    }
}
