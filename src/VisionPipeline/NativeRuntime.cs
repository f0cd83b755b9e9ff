using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text.RegularExpressions;
using OpenCvSharp;

namespace VisionPipeline;

public sealed class NativeRuntimeException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Loads OpenCV's native library up front so that a missing system library (GTK3 for the full Linux runtime)
/// is reported as one sentence with the fix, not as a TypeInitializationException.
/// </summary>
public static partial class NativeRuntime
{
    private static readonly Dictionary<string, string> DebianPackages = new()
    {
        ["libgtk-3.so.0"] = "libgtk-3-0",
        ["libgdk-3.so.0"] = "libgtk-3-0",
        ["libgdk_pixbuf-2.0.so.0"] = "libgdk-pixbuf-2.0-0",
        ["libglib-2.0.so.0"] = "libglib2.0-0",
        ["libgomp.so.1"] = "libgomp1",
    };

    public static string OpenCvVersion()
    {
        try
        {
            return Cv2.GetVersionString() ?? "unknown";
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or BadImageFormatException)
        {
            throw new NativeRuntimeException(Explain(e), e);
        }
    }

    /// <summary>
    /// OpenCV's own thread pool (its DNN engine and parallel image functions) gets the same share of the cores as
    /// each ONNX Runtime session: with one engine run per worker, more threads would only oversubscribe the cores.
    /// </summary>
    public static void ShareCores(int threadsPerWorker)
    {
        OpenCvVersion();
        Cv2.SetNumThreads(Math.Max(1, threadsPerWorker));
    }

    /// <summary>
    /// Turns off OpenCV's IPP code path on x86 processors that are not Intel's, unless OPENCV_IPP is already set.
    /// There every IPP call re-checks the processor with CPUID, which a virtual machine traps: on an AMD EPYC VM
    /// copying a 64×48 image took 2.4 µs with IPP and 0.2 µs without, a 64×48 resize 22 and 13 µs, and no function
    /// we use was faster with it at 1920×1080 (warpAffine 19.9 and 17.0 ms, JPEG decoding 2.4 and 1.8 ms). Runs
    /// before OpenCV's first IPP call, which reads the setting once; OpenCV's warning that it saw the variable is
    /// silenced. Does nothing where OpenCV cannot be loaded: the command that needs it reports that.
    /// </summary>
    public static void AvoidIppWhereSlow()
    {
        if (!OperatingSystem.IsLinux() || !X86Base.IsSupported || IsIntel()) return;
        if (Environment.GetEnvironmentVariable("OPENCV_IPP") is not null || SetEnv("OPENCV_IPP", "disabled", 0) != 0) return;
        try
        {
            var level = Cv2.GetLogLevel();
            Cv2.SetLogLevel(LogLevel.ERROR);
            try
            {
                using var probe = new Mat(1, 1, MatType.CV_8UC1);
                using var copy = probe.Clone();
            }
            finally
            {
                Cv2.SetLogLevel(level);
            }
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or BadImageFormatException)
        {
        }
    }

    private static bool IsIntel()
    {
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        return (ebx, edx, ecx) == (0x756E6547, 0x49656E69, 0x6C65746E); // "Genu" "ineI" "ntel"
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);

    /// <summary>One sentence naming the library that failed to load and how to install it.</summary>
    public static string Explain(Exception e)
    {
        var text = string.Join(" ", Flatten(e).Select(x => x.Message));
        var missing = MissingLibrary().Matches(text).Select(m => m.Groups[1].Value)
            .FirstOrDefault(name => !name.Contains("OpenCvSharpExtern", StringComparison.Ordinal));
        if (missing is null)
            return "OpenCV's native library (libOpenCvSharpExtern.so) could not be loaded; " +
                   "run ./scripts/setup.sh to install the system libraries it needs (Debian/Ubuntu: libgtk-3-0).";
        var package = DebianPackages.GetValueOrDefault(missing);
        return package is null
            ? $"OpenCV's native library needs {missing}, which is not installed; install the package that provides it (apt-file search {missing})."
            : $"OpenCV's native library needs {missing}, which is not installed; fix: sudo apt-get install -y {package} (or run ./scripts/setup.sh).";
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException) yield return x;
    }

    [GeneratedRegex(@"(lib[\w\-\+\.]+\.so(?:\.[\d]+)*): cannot open shared object file")]
    private static partial Regex MissingLibrary();
}
