using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Transforms;

/// <summary>
/// What one augmentation call works with: its own random source (seeded per sample, so results do not depend on
/// which thread runs it), the rules that drop objects, extra samples for multi-image transforms (mosaic), and
/// where the sampled parameters are recorded for replay.
/// </summary>
public sealed class AugmentContext(AugmentRandom random, TargetRules? rules = null, ISampleSource? extraSamples = null)
{
    public AugmentRandom Random { get; } = random;
    public TargetRules Rules { get; } = rules ?? TargetRules.Default;
    public ISampleSource? ExtraSamples { get; } = extraSamples;

    /// <summary>Every transform applied, in order, with the parameters it sampled; null when not recording.</summary>
    public List<AppliedStep>? Record { get; init; }

    /// <summary>Uniform in [low, high].</summary>
    public double Uniform(double low, double high) => low + Random.NextDouble() * (high - low);

    public double Uniform(ValueRange range) => Uniform(range.Low, range.High);

    /// <summary>Uniform integer in [low, high], both included.</summary>
    public int UniformInt(int low, int high) => Random.Next(low, high + 1);

    /// <summary>A 64-bit seed for OpenCV's own generator (noise fields).</summary>
    public ulong NextSeed() => Random.NextUInt64();
}
