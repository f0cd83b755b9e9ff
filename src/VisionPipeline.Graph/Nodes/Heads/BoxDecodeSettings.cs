using VisionPipeline.Decoders.Detection;
using VisionPipeline.Decoders.Suppression;

namespace VisionPipeline.Graph.Nodes.Heads;

public sealed record BoxDecodeSettings
{
    public float ScoreThreshold { get; init; } = 0.25f;
    public NmsOptions Nms { get; init; } = new();
    public IReadOnlySet<int>? Classes { get; init; }
    public SsdOptions Ssd { get; init; } = new();
}
