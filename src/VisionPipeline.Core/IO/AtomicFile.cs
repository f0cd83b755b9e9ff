using VisionPipeline.Core.Errors;

namespace VisionPipeline.Core.IO;

/// <summary>
/// Files written whole or not at all: the content goes to a temporary file beside the target, is flushed to disk,
/// then moves over the target, so a kill (or a crash of the machine) never leaves half a file.
/// </summary>
public static partial class AtomicFile
{
    public static void Write(string path, Action<Stream> write) =>
        WriteThrough(path, Path.GetExtension(path), temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
            if (stream.CanWrite) stream.Flush(flushToDisk: true);
        });

    /// <summary>
    /// Lets <paramref name="create"/> write the file itself (a native encoder given a path) at a temporary path
    /// beside the target that ends in <paramref name="extension"/>, then flushes it to disk and moves it into place.
    /// </summary>
    public static void WriteThrough(string path, string extension, Action<string> create)
    {
        using var staged = Stage(path, extension, create);
        staged.Commit();
    }

    /// <summary>
    /// The first half of <see cref="WriteThrough"/>: <paramref name="create"/> writes the temporary file, which
    /// <see cref="StagedFile.Commit"/> later flushes to disk and moves into place (on another thread, if the caller
    /// likes: the flush waits for the disk). Disposing an uncommitted file deletes it.
    /// </summary>
    public static StagedFile Stage(string path, string extension, Action<string> create)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var staged = new StagedFile(path, Path.Combine(directory, TemporaryName(Path.GetFileName(path), extension)));
        try
        {
            Guard(path, () =>
            {
                Directory.CreateDirectory(directory);
                create(staged.Temporary);
            });
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    /// <summary>Runs a step of writing <paramref name="path"/>, turning a full disk and a name too long into one-line errors naming it.</summary>
    internal static void Guard(string path, Action step)
    {
        try
        {
            step();
        }
        catch (IOException e) when (OutputFullException.Describe(e) is { } full)
        {
            throw new OutputFullException(path, full, e);
        }
        catch (IOException e) when (e is PathTooLongException || e.HResult == NameTooLong)
        {
            throw new VisionException(path, $"cannot write the file: its name is {System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(path))} bytes long, " +
                                            $"more than the {MaxNameBytes} a file system allows", inner: e);
        }
    }

    private const int NameTooLong = 36; // ENAMETOOLONG
    private const int MaxNameBytes = 255;

    /// <summary>
    /// A hidden name beside the target that ends in <paramref name="extension"/> (native encoders pick the format by it)
    /// and carries the writer's process id, so that a later run can tell a killed writer's leftover from a live one's
    /// file. The target's own name is cut to keep the whole within the 255 bytes a file name may have.
    /// </summary>
    private static string TemporaryName(string name, string extension)
    {
        var suffix = $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp{extension}";
        int room = MaxNameBytes - 1 - System.Text.Encoding.UTF8.GetByteCount(suffix);
        int keep = name.Length;
        while (keep > 1 && System.Text.Encoding.UTF8.GetByteCount(name.AsSpan(0, keep)) > room) keep--;
        if (keep < name.Length && char.IsHighSurrogate(name[keep - 1])) keep--;
        return $".{name[..keep]}{suffix}";
    }

    /// <summary>
    /// Deletes the temporary files that writes into <paramref name="directory"/> (and below) left when their process was
    /// killed between creating and renaming them, so that a run into a folder a killed run used starts from whole files
    /// only. A temporary file whose writer is still running (another run writing below the same folder) is left alone.
    /// </summary>
    /// <returns>how many were deleted</returns>
    public static int RemoveLeftovers(string directory)
    {
        if (!Directory.Exists(directory)) return 0;
        // Temporary files are hidden (a leading dot), which .NET's enumeration skips unless told to skip nothing.
        var all = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.None };
        // Links are not followed: what a run wrote lies in real folders, and a link loop would be walked until the path
        // grew too long.
        var candidates = new System.IO.Enumeration.FileSystemEnumerable<string>(directory,
            (ref System.IO.Enumeration.FileSystemEntry entry) => entry.ToFullPath(), all)
        {
            ShouldIncludePredicate = (ref System.IO.Enumeration.FileSystemEntry entry) =>
                !entry.IsDirectory && entry.FileName.StartsWith('.') && entry.FileName.Contains(".tmp", StringComparison.Ordinal),
            ShouldRecursePredicate = (ref System.IO.Enumeration.FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        int removed = 0;
        foreach (var file in candidates)
        {
            var match = Leftover().Match(Path.GetFileName(file));
            if (!match.Success || !int.TryParse(match.Groups[1].Value, out var writer) || IsRunning(writer)) continue;
            File.Delete(file);
            removed++;
        }
        return removed;
    }

    /// <summary>True for the name of a temporary file a write makes beside its target (live or left by a kill).</summary>
    public static bool IsTemporary(string fileName) => Leftover().IsMatch(fileName);

    private static bool IsRunning(int processId)
    {
        if (processId == Environment.ProcessId) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\..+\.(\d+)\.[0-9a-f]{32}\.tmp(\.[^.]*)?$")]
    private static partial System.Text.RegularExpressions.Regex Leftover();

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    public static void WriteText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>Copies a file into place through a temporary copy, so a reader never sees half an image.</summary>
    /// <exception cref="VisionException">The source does not exist (a dataset naming an image that is not there).</exception>
    public static void Copy(string source, string destination)
    {
        if (!File.Exists(source)) throw new VisionException(source, "image file does not exist");
        Write(destination, target =>
        {
            using var input = File.OpenRead(source);
            input.CopyTo(target);
        });
    }
}
