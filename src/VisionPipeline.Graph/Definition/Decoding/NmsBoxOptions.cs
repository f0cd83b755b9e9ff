using VisionPipeline.Decoders.Suppression;
using VisionPipeline.Graph.Definition.Options;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>The options every decoder with its own NMS takes (YOLO, SSD, YOLO-seg); the score threshold's default is each decoder's.</summary>
public abstract record NmsBoxOptions : DecoderOptions, ILabelsFileOption, IClassesOption
{
    protected NmsBoxOptions(float scoreThreshold) => ScoreThreshold = scoreThreshold;

    [ScoreThreshold] public float ScoreThreshold { get; init; }
    [IouThreshold] public float IouThreshold { get; init; } = 0.45f;
    [TopK] public int TopK { get; init; }
    [Classes] public string[] Classes { get; init; } = [];

    [Param("class_agnostic", "NMS across classes")]
    public bool ClassAgnostic { get; init; }

    [Param("soft_nms", "Gaussian soft-NMS instead of removing overlaps")]
    public bool SoftNms { get; init; }

    [LabelsFile] public string? LabelsFile { get; init; }

    /// <summary>The decode settings for a model with these labels (top_k 0: NMS's own cap of 300).</summary>
    public BoxDecodeSettings Settings(LabelSet labels, string pipelinePath) => new()
    {
        ScoreThreshold = ScoreThreshold,
        Nms = new NmsOptions
        {
            IouThreshold = IouThreshold,
            ClassAgnostic = ClassAgnostic,
            Soft = SoftNms,
            MaxDetections = TopK > 0 ? TopK : new NmsOptions().MaxDetections,
            SoftScoreThreshold = ScoreThreshold,
        },
        Classes = labels.Indexes(Classes, pipelinePath),
    };
}
