using System.Diagnostics;
using System.Runtime.InteropServices;
using OpenCvSharp;

namespace VisionPipeline.Benchmarks.Augmentation;

/// <summary>
/// The four augmentation benchmarks of each case called in turn, round after round, and the median time of each
/// (printed as images per second, with ours ÷ bare time as the overhead):
/// on a shared machine, interleaving puts every method under the same load and the median ignores stray pauses;
/// rotating the order each round keeps a method's timing from depending on which buffers the one before it freed.
/// Before each call a block of random size (up to 1 MB, untimed) shifts where the call's buffers land: OpenCV's
/// speed on a 512×512 image swings by up to 2× with where its output lies relative to its input (cache-set
/// conflicts), and random placement gives every method the same spread of layouts. glibc's malloc thresholds are
/// fixed first (see <see cref="FixMallocThresholds"/>).
/// `dotnet run -c Release --project benchmarks/VisionPipeline.Benchmarks -- --augment-medians [ROUNDS]`.
/// </summary>
internal static class InterleavedMedians
{
    public static void Run(int rounds)
    {
        FixMallocThresholds();
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

    /// <summary>
    /// glibc moves its mmap threshold and trims the heap as blocks come and go, so a 0.3–1 MB buffer is sometimes
    /// fresh memory (page faults: up to 2× the time of a 512×512 flip) and sometimes reused, and which variant pays
    /// depends on the others' allocations. Fixed thresholds (32 MB, no trimming below 256 MB) make every variant
    /// reuse its memory, as a long augmentation run does.
    /// </summary>
    private static void FixMallocThresholds()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            mallopt(MmapThreshold, 32 << 20);
            mallopt(TrimThreshold, 256 << 20);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Console.Error.WriteLine("note: not glibc; malloc thresholds left as they are");
        }
    }

    private const int TrimThreshold = -1, MmapThreshold = -3;

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
