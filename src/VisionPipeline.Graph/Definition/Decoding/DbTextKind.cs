using VisionPipeline.Decoders.Text;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Definition.Options;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>PaddleOCR's DB text detector: text-line quadrilaterals from an image.</summary>
public sealed class DbTextKind() : DecoderKind<DbTextKind.Options>("db-text", HeadKind.Detect, fromImage: PortType.Detections, fromCrops: null)
{
    public sealed record Options : DecoderOptions
    {
        [ScoreThreshold] public float ScoreThreshold { get; init; } = 0.6f;

        [Param("binary_threshold", "DB: text-map binarisation", Min = 0, Max = 1)]
        public float BinaryThreshold { get; init; } = 0.3f;

        [Param("unclip_ratio", "DB: how far boxes grow", Min = 0.1, Max = 10)]
        public float UnclipRatio { get; init; } = 1.5f;

        [Param("max_side", "DB: longest side of the detector input", Min = 32, Max = 8192)]
        public int MaxSide { get; init; } = 960;

        [TopK] public int TopK { get; init; }
    }

    public override IReadOnlyList<string> FixedLabels { get; } = ["text"];

    protected override IModelHead Build(HeadContext context, Options options) =>
        new TextDetectHead(context.Session, new DbOptions
        {
            BoxThreshold = options.ScoreThreshold, BinaryThreshold = options.BinaryThreshold, UnclipRatio = options.UnclipRatio,
        }, options.MaxSide, options.TopK);
}
