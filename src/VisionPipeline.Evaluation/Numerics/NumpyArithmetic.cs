using System.Runtime.CompilerServices;

namespace VisionPipeline.Evaluation.Numerics;

/// <summary>
/// numpy's own floating-point recipes, reproduced so that metrics defined by numpy code (pycocotools) agree to the
/// last bit: pairwise summation (what <c>np.sum</c>/<c>np.mean</c> do on a contiguous float64 array) and
/// <c>np.linspace</c>.
/// </summary>
public static class NumpyArithmetic
{
    private const int BlockSize = 128;

    /// <summary><c>np.sum</c> of a contiguous float64 array: numpy's unrolled pairwise summation.</summary>
    public static double Sum(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        if (n < 8)
        {
            double res = 0.0;
            foreach (var v in values) res += v;
            return res;
        }
        if (n <= BlockSize)
        {
            Span<double> r = stackalloc double[8];
            values[..8].CopyTo(r);
            int i = 8;
            for (; i < n - n % 8; i += 8)
                for (int j = 0; j < 8; j++) r[j] += values[i + j];
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) res += values[i];
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return Sum(values[..half]) + Sum(values[half..]);
    }

    /// <summary><c>np.mean</c>: the pairwise sum divided by the count (NaN for an empty array, as numpy).</summary>
    public static double Mean(ReadOnlySpan<double> values) => Sum(values) / values.Length;

    /// <summary><c>np.linspace(start, stop, count)</c>: start + i·step, the last value set to stop.</summary>
    public static double[] Linspace(double start, double stop, int count)
    {
        var y = new double[count];
        double step = (stop - start) / (count - 1);
        for (int i = 0; i < count; i++) y[i] = i * step + start;
        if (count > 1) y[^1] = stop;
        return y;
    }

    /// <summary>
    /// The order <c>np.argsort(-scores, kind='mergesort')</c> gives: descending, ties kept in input order.
    /// </summary>
    public static int[] StableOrderDescending(ReadOnlySpan<double> scores)
    {
        var order = new int[scores.Length];
        StableOrderDescending(scores, order);
        return order;
    }

    /// <summary>Writes the stable descending order of <paramref name="scores"/> into <paramref name="order"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void StableOrderDescending(ReadOnlySpan<double> scores, Span<int> order)
    {
        int n = scores.Length;
        if (n <= 16)
        {
            // Insertion sort: stable, and no allocation for the many tiny per-image lists.
            for (int i = 0; i < n; i++)
            {
                int j = i;
                for (; j > 0 && -scores[order[j - 1]] > -scores[i]; j--) order[j] = order[j - 1];
                order[j] = i;
            }
            return;
        }
        var keys = new ScoreKey[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = new ScoreKey(-scores[i], i);
            order[i] = i;
        }
        keys.AsSpan().Sort(order[..n]);
    }

    /// <summary>Negated score with the input position as tie-breaker: sorting these is a stable descending sort.</summary>
    private readonly record struct ScoreKey(double NegatedScore, int Position) : IComparable<ScoreKey>
    {
        public int CompareTo(ScoreKey other)
        {
            int c = NegatedScore.CompareTo(other.NegatedScore);
            return c != 0 ? c : Position.CompareTo(other.Position);
        }
    }
}
