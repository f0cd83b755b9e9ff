namespace VisionPipeline.Live.Statistics;

/// <summary>
/// Latencies in logarithmic buckets 1 % wide from 0.01 ms to over an hour: percentiles to within 1 %, the maximum
/// exact, and a fixed 15 KB whatever the run's length, so a run of days keeps its memory flat.
/// </summary>
public sealed class LatencyHistogram
{
    private const double Smallest = 0.01;
    private static readonly double Step = Math.Log(1.01);
    private readonly long[] _buckets = new long[1900];

    public long Count { get; private set; }
    public double Max { get; private set; }

    public void Add(double milliseconds)
    {
        if (!double.IsFinite(milliseconds) || milliseconds < 0) return;
        _buckets[Bucket(milliseconds)]++;
        Count++;
        Max = Math.Max(Max, milliseconds);
    }

    /// <summary>The latency below which <paramref name="share"/> of the samples lie (a bucket's upper edge, never above
    /// the maximum); 0 with no samples.</summary>
    public double Percentile(double share)
    {
        if (Count == 0) return 0;
        long rank = Math.Max(1, (long)Math.Ceiling(share * Count)), seen = 0;
        for (int i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= rank) return Math.Min(Max, Smallest * Math.Exp((i + 1) * Step));
        }
        return Max;
    }

    private int Bucket(double milliseconds) =>
        milliseconds <= Smallest ? 0 : Math.Min(_buckets.Length - 1, (int)(Math.Log(milliseconds / Smallest) / Step));
}
