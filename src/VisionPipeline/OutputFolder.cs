using VisionPipeline.Core.Errors;
using VisionPipeline.Core.IO;
using VisionPipeline.Graph.Output;

namespace VisionPipeline;

/// <summary>The folder a run writes into.</summary>
public static class OutputFolder
{
    /// <summary>
    /// Creates the folder if needed, removes the temporary files a killed run left in it, and proves it writable,
    /// before any image is processed.
    /// </summary>
    /// <exception cref="ConfigurationException">the path names a file, or the folder cannot be written</exception>
    public static OutputLayout Prepare(string directory)
    {
        if (File.Exists(directory)) throw new ConfigurationException(directory, "--output names a file; give a folder");
        try
        {
            Directory.CreateDirectory(directory);
            AtomicFile.RemoveLeftovers(directory);
            var probe = Path.Combine(directory, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(directory, $"cannot write to the output folder: {e.Message}");
        }
        return new OutputLayout(directory);
    }
}
