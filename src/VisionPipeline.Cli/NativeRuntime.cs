using System.Text.RegularExpressions;
using OpenCvSharp;

namespace VisionPipeline.Cli;

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
