namespace VisionPipeline.Cli.Commands.Bench;

/// <summary>
/// Resets the process's peak resident memory (Linux: writing 5 to /proc/self/clear_refs), so the pipeline's peak
/// can be read again after the floor, which holds its own tensors, has run.
/// </summary>
internal static class PeakMemory
{
    public static bool TryReset()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
