using VisionPipeline.Core.Errors;

namespace VisionPipeline.Datasets.Demo;

/// <summary>
/// The held-out split of the demo datasets: within each class (one stratum for detection and segmentation) a seeded
/// shuffle picks round(count × fraction) items for <see cref="Val"/>, the rest are <see cref="Train"/>.
/// </summary>
public static class DemoSplits
{
    public const string Train = "train";
    public const string Val = "val";

    public static readonly string[] All = [Train, Val];

    public const double DefaultValFraction = 0.2;

    /// <exception cref="ConfigurationException">The fraction is not in [0, 1).</exception>
    public static void CheckFraction(double valFraction)
    {
        if (!(valFraction is >= 0 and < 1))
            throw new ConfigurationException(null, $"--val-fraction {valFraction.ToString(System.Globalization.CultureInfo.InvariantCulture)} is outside 0 ≤ fraction < 1");
    }

    /// <summary>The split of each item, given each item's class.</summary>
    public static string[] Stratified(IReadOnlyList<long> classOf, double valFraction, int seed)
    {
        CheckFraction(valFraction);
        var random = new Random(seed);
        var split = new string[classOf.Count];
        Array.Fill(split, Train);
        foreach (var members in Enumerable.Range(0, classOf.Count).GroupBy(i => classOf[i]).OrderBy(g => g.Key))
        {
            var indices = members.ToArray();
            random.Shuffle(indices);
            var val = (int)Math.Round(indices.Length * valFraction, MidpointRounding.AwayFromZero);
            foreach (var i in indices.Take(val)) split[i] = Val;
        }
        return split;
    }
}
