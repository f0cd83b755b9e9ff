using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>PaddleOCR's direction classifier: text-line crops turned upright.</summary>
public sealed class TextDirectionKind() : DecoderKind<TextDirectionKind.Options>("text-direction", HeadKind.Classify, fromImage: null, fromCrops: PortType.Crops)
{
    public sealed record Options : DecoderOptions
    {
        [Threshold] public float Threshold { get; init; } = 0.9f;
        [BatchSize] public int BatchSize { get; init; } = 6;
    }

    protected override IModelHead Build(HeadContext context, Options options) =>
        new TextDirectionClassifyHead(context.Session, options.Threshold, options.BatchSize);
}
