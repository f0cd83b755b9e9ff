using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>Semantic segmentation: one mask per class present, from an image.</summary>
public sealed class SemanticKind() : DecoderKind<SemanticKind.Options>("semantic", HeadKind.Segment, fromImage: PortType.Masks, fromCrops: null)
{
    public sealed record Options : DecoderOptions, ILabelsFileOption
    {
        [Background] public bool Background { get; init; } = true;
        [LabelsFile] public string? LabelsFile { get; init; }
    }

    public override TensorSpec DefaultSpec(TensorSpec spec) => ImageNet(spec, ResizeMode.Stretch);

    protected override IModelHead Build(HeadContext context, Options options) =>
        new SemanticSegmentHead(context.Session, options.Background, context.Labels(options.LabelsFile));
}
