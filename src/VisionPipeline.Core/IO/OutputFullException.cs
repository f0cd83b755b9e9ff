using VisionPipeline.Core.Errors;

namespace VisionPipeline.Core.IO;

/// <summary>
/// The output's file system takes no more writes (no space left, quota reached, mounted read-only). Every later file
/// would fail the same way, so a command stops here instead of failing each remaining input alike; what it wrote
/// before is whole.
/// </summary>
public sealed class OutputFullException(string file, string problem, Exception inner) : VisionException(file, problem, inner: inner)
{
    private const int NoSpace = 28, ReadOnlyFileSystem = 30, QuotaExceeded = 122; // Linux errno values
    private const int WindowsDiskFull = unchecked((int)0x80070070), WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>The problem in words when <paramref name="e"/> says the file system takes no more writes; otherwise null.</summary>
    public static string? Describe(IOException e) => e.HResult switch
    {
        NoSpace or WindowsDiskFull or WindowsHandleDiskFull => "no space left on the device",
        QuotaExceeded => "the disk quota is used up",
        ReadOnlyFileSystem => "the file system is read-only",
        _ => null,
    };
}
