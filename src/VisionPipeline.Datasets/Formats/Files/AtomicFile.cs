namespace VisionPipeline.Datasets.Formats.Files;

/// <summary>Files written whole or not at all: content goes to a temporary file beside the target, then moves over it.</summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                write(stream);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static void WriteText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
            writer.Write(text);
        });

    /// <summary>Copies a file into place through a temporary copy, so a reader never sees half an image.</summary>
    public static void Copy(string source, string destination)
    {
        if (!File.Exists(source)) throw new FileNotFoundException($"{source}: image file does not exist", source);
        Write(destination, target =>
        {
            using var input = File.OpenRead(source);
            input.CopyTo(target);
        });
    }
}
