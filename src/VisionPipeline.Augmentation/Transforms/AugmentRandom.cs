namespace VisionPipeline.Augmentation.Transforms;

/// <summary>
/// The random source of one augmentation call: xoshiro256** seeded through SplitMix64. Seeding a
/// <see cref="System.Random"/> with a number costs about 2 µs (it fills a 56-entry table), as much as a whole
/// 384×384 crop; this costs a few nanoseconds, and one is made per (seed, image, copy).
/// </summary>
public sealed class AugmentRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public AugmentRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1), 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>), without bias (Lemire's multiply-and-reject).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxExclusive);
        if (maxExclusive <= 1) return 0;
        ulong n = (ulong)maxExclusive;
        while (true)
        {
            ulong product = (NextUInt64() >> 32) * n;
            if ((uint)product >= (uint)((0x1_0000_0000UL - n) % n)) return (int)(product >> 32);
        }
    }

    /// <summary>Uniform in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int minInclusive, int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minInclusive, maxExclusive);
        long range = (long)maxExclusive - minInclusive;
        return range <= int.MaxValue ? minInclusive + Next((int)range) : (int)(minInclusive + (long)(NextDouble() * range));
    }

    /// <summary>Uniform in [0, long.MaxValue].</summary>
    public long NextInt64() => (long)(NextUInt64() >> 1);

    /// <summary>Fisher–Yates: every order equally likely.</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = Next(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
