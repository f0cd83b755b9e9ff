namespace VisionPipeline.Core.IO;

/// <summary>File names .NET cannot hand back to the file system.</summary>
public static class FileNames
{
    /// <summary>
    /// True when the path holds U+FFFD, the character .NET puts where a name's bytes are not UTF-8 (a Latin-1 "café"
    /// copied from an old disk): the string no longer names the file, so it cannot be opened through it.
    /// </summary>
    public static bool HasUndecodableName(string path) => path.Contains('\uFFFD') && !Path.Exists(path);

    public const string UndecodableProblem =
        "the file name is not valid UTF-8, so it cannot be opened; rename the file (e.g. convmv -f latin1 -t utf8 --notest FILE)";
}
