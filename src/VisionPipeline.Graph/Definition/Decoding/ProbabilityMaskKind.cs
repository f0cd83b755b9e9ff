using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>A one-channel probability map (MediaPipe selfie segmentation): one mask from an image.</summary>
public sealed class ProbabilityMaskKind() : DecoderKind<ProbabilityMaskKind.Options>("probability-mask", HeadKind.Segment, fromImage: PortType.Masks, fromCrops: null)
{
    public sealed record Options : DecoderOptions
    {
        [Threshold] public float Threshold { get; init; } = 0.5f;
    }

    public override TensorSpec DefaultSpec(TensorSpec spec) => ImageNet(spec, ResizeMode.Stretch);

    /// <summary>The mask is labelled with the zoo entry's one label, else with the node's id.</summary>
    protected override IModelHead Build(HeadContext context, Options options) =>
        new ProbabilityMaskHead(context.Session, options.Threshold, context.Session.Entry.Labels?.FirstOrDefault() ?? context.NodeId);
}
