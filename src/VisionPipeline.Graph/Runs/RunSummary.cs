using VisionPipeline.Graph.Benchmarking;

namespace VisionPipeline.Graph.Runs;

/// <param name="EngineRuns">Runs that reached the engine: fewer than <paramref name="Runs"/> when dynamic batching combined them.</param>
public sealed record ModelTiming(string Model, string Engine, long Runs, TimeSpan Total, long EngineRuns);

/// <summary>A node's time per image: mean, median, 95th percentile, and its share of all node time.</summary>
public sealed record NodeTiming(string Node, string Kind, int Frames, double MeanMs, double P50Ms, double P95Ms, double Share);

public sealed record RunSummary
{
    public required int Total { get; init; }
    public required int Processed { get; init; }
    public int Resumed { get; init; }
    public required IReadOnlyList<(string Image, string Error)> Failures { get; init; }
    public required TimeSpan Wall { get; init; }
    public required int Workers { get; init; }
    public required IReadOnlyList<ModelTiming> Models { get; init; }
    public required IReadOnlyList<NodeTiming> Nodes { get; init; }
    public bool Cancelled { get; init; }

    /// <summary>Files in the input that are not images (by extension), left out.</summary>
    public int SkippedNonImages { get; init; }

    /// <summary>Milliseconds from reading each processed image to its finished record, in input order.</summary>
    public IReadOnlyList<double> ImageMilliseconds { get; init; } = [];

    public int Failed => Failures.Count;
    public int Succeeded => Processed - Failed;

    /// <summary>Images actually processed in this run (resumed ones excluded) per second.</summary>
    public double ImagesPerSecond => Wall.TotalSeconds > 0 ? (Processed - Resumed) / Wall.TotalSeconds : 0;
}

public static class Percentiles
{
    /// <summary>Linear interpolation between closest ranks (numpy's default) over sorted values; 0 for none.</summary>
    public static double Of(double[] sorted, double p)
    {
        if (sorted.Length == 0) return 0;
        double rank = p * (sorted.Length - 1);
        int low = (int)Math.Floor(rank), high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
