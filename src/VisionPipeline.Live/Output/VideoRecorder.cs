using OpenCvSharp;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Live.Output;

/// <summary>
/// --record: one source's annotated frames as an MP4 at the source's frame rate. Written under a hidden
/// .NAME.partial.mp4 and renamed to NAME when the run ends (also by Ctrl-C), when the MP4 index has been written, so
/// a file with the final name always plays. Opened at the first frame, whose size every frame keeps.
/// </summary>
public sealed class VideoRecorder(string path, double fps) : IDisposable
{
    /// <summary>The rate a source that declares none is recorded at.</summary>
    public const double DefaultFps = 25;

    private readonly string _partial = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileNameWithoutExtension(path)}.partial.mp4");
    private VideoWriter? _writer;
    private Size _size;

    public string OutputPath { get; } = Path.GetFullPath(path);

    public void Write(Mat annotated)
    {
        if (_writer is null)
        {
            _size = annotated.Size();
            _writer = new VideoWriter(_partial, FourCC.FromString("mp4v"), fps > 0 ? fps : DefaultFps, _size);
            if (!_writer.IsOpened()) throw new VisionException(OutputPath, "cannot write the recording (OpenCV's FFmpeg writer did not open)");
        }
        if (annotated.Size() == _size)
        {
            _writer.Write(annotated);
        }
        else
        {
            using var resized = new Mat();
            Cv2.Resize(annotated, resized, _size);
            _writer.Write(resized);
        }
    }

    /// <summary>Closes the file and gives it its final name; nothing is written when no frame came.</summary>
    public void Complete()
    {
        if (_writer is null) return;
        _writer.Release();
        _writer.Dispose();
        _writer = null;
        File.Move(_partial, OutputPath, overwrite: true);
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
    }
}
