using System.Diagnostics;
using OpenCvSharp;

namespace VisionPipeline.Benchmarks.Augmentation;

/// <summary>
/// The four augmentation benchmarks of each case called in turn, round after round, and the median time of each
/// (printed as images per second, with ours ÷ bare time as the overhead):
/// on a shared machine, interleaving puts every method under the same load and the median ignores stray pauses;
/// rotating the order each round keeps a method's timing from depending on which buffers the one before it freed.
/// Before each call a block of random size (up to 1 MB, untimed) shifts where the call's buffers land: OpenCV's
/// speed on a 512×512 image swings by up to 2× with where its output lies relative to its input (cache-set
/// conflicts), and random placement gives every method the same spread of layouts.
/// `dotnet run -c Release --project benchmarks/VisionPipeline.Benchmarks -- --augment-medians [ROUNDS]`.
/// </summary>
internal static class InterleavedMedians
{
    public static void Run(int rounds)
    {
        Console.WriteLine("| transform | OpenCV image img/s | ours image img/s | overhead | OpenCV image+mask img/s | ours mask+10 boxes+10 kp img/s | overhead |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var name in AugmentationBenchmarks.Names)
        {
            var b = new AugmentationBenchmarks { Transform = name };
            b.Setup();
            Action[] methods = [b.BareImage, b.OursImage, b.BareImageAndMask, b.OursWithTargets];
            var times = methods.Select(_ => new double[rounds]).ToArray();
            var layout = new Random(1);
            // Long enough for the JIT's tiering to have compiled the optimised code of everything called.
            var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 3 / 2;
            while (Stopwatch.GetTimestamp() < warmUntil) foreach (var m in methods) m();
            // Each round starts with the next method, so none always follows the same one (whose freed buffers it
            // would always reuse).
            for (int r = 0; r < rounds; r++)
                for (int k = 0; k < methods.Length; k++)
                {
                    int i = (r + k) % methods.Length;
                    using var shift = new Mat(1, layout.Next(1, 1 << 20), MatType.CV_8UC1);
                    long start = Stopwatch.GetTimestamp();
                    methods[i]();
                    times[i][r] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                }
            b.Cleanup();
            var med = times.Select(Median).ToArray();
            static string PerSecond(double micros) => (1e6 / micros).ToString("N0");
            Console.WriteLine($"| {name} | {PerSecond(med[0])} | {PerSecond(med[1])} | {med[1] / med[0]:F2}× | {PerSecond(med[2])} | {PerSecond(med[3])} | {med[3] / med[2]:F2}× |");
        }
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
