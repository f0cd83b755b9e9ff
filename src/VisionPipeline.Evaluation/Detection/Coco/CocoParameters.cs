using VisionPipeline.Evaluation.Numerics;

namespace VisionPipeline.Evaluation.Detection.Coco;

/// <summary>An object-area interval, both ends inclusive, as COCOeval's <c>areaRng</c>.</summary>
public readonly record struct AreaRange(string Name, double Min, double Max)
{
    public bool Excludes(double area) => area < Min || area > Max;
}

/// <summary>COCOeval's default parameters for bbox and segm: thresholds built the way numpy builds them.</summary>
public sealed class CocoParameters
{
    public static CocoParameters Default { get; } = new();

    /// <summary>np.linspace(.5, .95, 10): 0.5 … 0.8999999999999999, 0.95.</summary>
    public IReadOnlyList<double> IouThresholds { get; } = NumpyArithmetic.Linspace(0.5, 0.95, 10);

    /// <summary>np.linspace(0, 1, 101).</summary>
    public IReadOnlyList<double> RecallThresholds { get; } = NumpyArithmetic.Linspace(0.0, 1.0, 101);

    public IReadOnlyList<AreaRange> AreaRanges { get; } =
    [
        new("all", 0, 1e5 * 1e5),
        new("small", 0, 32 * 32),
        new("medium", 32 * 32, 96 * 96),
        new("large", 96 * 96, 1e5 * 1e5),
    ];

    public IReadOnlyList<int> MaxDetections { get; } = [1, 10, 100];

    public int IndexOfIou(double threshold)
    {
        for (int t = 0; t < IouThresholds.Count; t++)
            if (IouThresholds[t] == threshold) return t;
        throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "not one of the IoU thresholds");
    }
}
