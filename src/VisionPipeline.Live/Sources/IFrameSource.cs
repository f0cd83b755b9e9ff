using OpenCvSharp;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Live.Sources;

/// <summary>What one read of a source gave.</summary>
public enum ReadOutcome
{
    /// <summary>A decoded frame.</summary>
    Frame,
    /// <summary>A frame was grabbed but could not be decoded; it is skipped.</summary>
    Corrupt,
    /// <summary>The file or stream ended.</summary>
    Ended,
    /// <summary>No frame came within the read time-out.</summary>
    Stalled,
}

/// <summary>An open camera, video file or network stream, read by one reader thread.</summary>
public interface IFrameSource : IDisposable
{
    SourceAddress Address { get; }

    /// <summary>The frame rate the source declares; 0 when it declares none.</summary>
    double Fps { get; }

    /// <summary>
    /// Grabs the next frame and decodes it into <paramref name="into"/> (8-bit BGR); <paramref name="grabbedAt"/> is
    /// the <see cref="System.Diagnostics.Stopwatch"/> timestamp of the grab, <paramref name="positionMs"/> the
    /// source's own time of the frame (NaN when it gives none). Waits at most the read time-out.
    /// </summary>
    ReadOutcome Read(Mat into, out long grabbedAt, out double positionMs);
}

/// <summary>Opens a source with the reader that suits it: OpenCV's VideoCapture for cameras and files, the ffmpeg
/// program for network streams.</summary>
public static class FrameSources
{
    /// <exception cref="ConfigurationException">the source cannot be opened within <paramref name="openTimeout"/>: one line naming it</exception>
    public static IFrameSource Open(SourceAddress address, TimeSpan openTimeout, TimeSpan readTimeout) =>
        address.Kind == SourceKind.Network
            ? FfmpegStream.Open(address, openTimeout, readTimeout)
            : CaptureSource.Open(address, openTimeout, readTimeout);
}
