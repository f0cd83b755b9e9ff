using VisionPipeline.Core.Tensors;
using VisionPipeline.Decoders.Classification;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>Image classifiers: the top classes of an image (spanning the frame) or of each crop.</summary>
public sealed class ClassifyKind() : DecoderKind<ClassifyKind.Options>("classify", HeadKind.Classify, fromImage: PortType.Detections, fromCrops: PortType.Detections)
{
    /// <summary>How many classes a classifier reports when top_k is 0.</summary>
    private const int DefaultTopK = 5;

    public sealed record Options : DecoderOptions, ILabelsFileOption
    {
        [TopK] public int TopK { get; init; } = DefaultTopK;
        [Threshold] public float Threshold { get; init; }
        [Activation] public ClassActivation Activation { get; init; } = ClassActivation.Auto;
        [LabelsFile] public string? LabelsFile { get; init; }
    }

    public override TensorSpec DefaultSpec(TensorSpec spec) => ImageNet(spec, ResizeMode.CenterCrop);

    protected override IModelHead Build(HeadContext context, Options options) =>
        new ClassifyHead(context.Session, options.Activation, options.TopK > 0 ? options.TopK : DefaultTopK, options.Threshold,
            context.Labels(options.LabelsFile));
}
