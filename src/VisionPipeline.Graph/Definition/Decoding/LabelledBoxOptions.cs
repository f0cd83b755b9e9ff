using VisionPipeline.Decoders.Suppression;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>The options of box decoders that suppress overlaps themselves or as their model's graph says (torchvision, MediaPipe SSD).</summary>
public abstract record LabelledBoxOptions : DecoderOptions, ILabelsFileOption, IClassesOption
{
    [ScoreThreshold] public float ScoreThreshold { get; init; } = 0.5f;
    [TopK] public int TopK { get; init; }
    [Classes] public string[] Classes { get; init; } = [];
    [LabelsFile] public string? LabelsFile { get; init; }

    /// <summary>The decode settings with these labels and this suppression.</summary>
    public BoxDecodeSettings Settings(LabelSet labels, string pipelinePath, NmsOptions nms) => new()
    {
        ScoreThreshold = ScoreThreshold,
        Nms = nms,
        Classes = labels.Indexes(Classes, pipelinePath),
    };
}
