namespace VisionPipeline.Benchmarking;

/// <summary>
/// How far a benchmark's ratio (pipeline ÷ engine floor) can be trusted: the 95 % confidence interval of the mean of
/// its rounds' ratios (Student's t), and a warning when the ratio is above 1, which no pipeline can truly reach. Above 1
/// within the spread is noise around a pipeline running at its floor; above 1 beyond it means the machine's speed
/// changed during the run, and the number is no result.
/// </summary>
public sealed record RatioSpread(double Ratio, int Rounds, double Mean, double Low, double High)
{
    // Two-sided 95 % quantiles of Student's t for 1..30 degrees of freedom; beyond, the normal's 1.96 is within 2 %.
    private static readonly double[] T95 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <param name="ratio">The whole run's ratio (all rounds' images ÷ all rounds' time).</param>
    /// <param name="rounds">Each round's ratio.</param>
    public static RatioSpread Of(double ratio, IReadOnlyList<double> rounds)
    {
        int n = rounds.Count;
        if (n < 2) return new RatioSpread(ratio, n, ratio, double.NaN, double.NaN);
        double mean = rounds.Average();
        double sd = Math.Sqrt(rounds.Sum(r => (r - mean) * (r - mean)) / (n - 1));
        double half = (n - 1 <= T95.Length ? T95[n - 2] : 1.96) * sd / Math.Sqrt(n);
        return new RatioSpread(ratio, n, mean, mean - half, mean + half);
    }

    /// <summary>True when the rounds measured a spread (two rounds or more).</summary>
    public bool HasInterval => !double.IsNaN(Low);

    /// <summary>Null when the ratio is at most 1; otherwise why the number is not a result.</summary>
    public string? Warning => Ratio <= 1 ? null
        : !HasInterval
            ? $"ratio {Ratio:0.000} is above 1, which no pipeline can reach, and one round measures no spread: it is not a result; measure with --rounds 5 or more"
        : Low <= 1
            ? $"ratio {Ratio:0.000} is above 1, which no pipeline can reach, but within the rounds' spread (95 % interval {Low:0.000}–{High:0.000}): " +
              "read it as noise around 1, the pipeline running at its floor"
            : $"ratio {Ratio:0.000} is above 1 beyond the rounds' spread (95 % interval {Low:0.000}–{High:0.000}): the floor ran slower than the " +
              "pipeline it replays, so the machine's speed changed during the run (another process?); it is not a result — measure again on a quiet machine";
}
