namespace VisionPipeline.Core.IO;

/// <summary>
/// A file written to its temporary name beside <see cref="Target"/> (see <see cref="AtomicFile.Stage"/>) and not yet
/// in place: <see cref="Commit"/> flushes it to disk and moves it over the target; disposing it uncommitted deletes it.
/// </summary>
public sealed class StagedFile(string target, string temporary) : IDisposable
{
    private bool _committed;

    public string Target { get; } = target;
    public string Temporary { get; } = temporary;

    /// <exception cref="Errors.VisionException">the flush or the move failed (a full disk, a name too long)</exception>
    public void Commit()
    {
        AtomicFile.Guard(Target, () =>
        {
            // A writer that closed the file itself (a StreamWriter without leaveOpen, a native encoder) left the data
            // with the OS only.
            using (var written = new FileStream(Temporary, FileMode.Open, FileAccess.Write, FileShare.None, 1))
                written.Flush(flushToDisk: true);
            File.Move(Temporary, Target, overwrite: true);
        });
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed) return;
        _committed = true;
        if (File.Exists(Temporary)) File.Delete(Temporary);
    }
}
