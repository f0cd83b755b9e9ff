using VisionPipeline.Graph.Output;

namespace VisionPipeline.Live.Output;

/// <summary>
/// The --save-json file, shared by every source: one line per processed frame, flushed as it is written, under
/// FILE.partial until the run ends (also by Ctrl-C), then renamed to FILE.
/// </summary>
public sealed class FrameLineFile(string path) : IDisposable
{
    private readonly ResultsFile _file = new(path);
    private readonly object _gate = new();

    /// <summary>Writes a frame's line (<see cref="FrameLine.ToJson"/>).</summary>
    public void Write(string json)
    {
        lock (_gate) _file.WriteLine(json);
    }

    public void Complete()
    {
        lock (_gate) _file.Complete();
    }

    public void Dispose() => _file.Dispose();
}
