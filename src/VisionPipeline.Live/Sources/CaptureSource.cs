using System.Diagnostics;
using OpenCvSharp;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Live.Sources;

/// <summary>
/// A camera or video file through OpenCV's VideoCapture (its bundled FFmpeg for files, V4L2 or the platform's backend
/// for cameras), with bounded open and read times. (That FFmpeg has no network protocols: streams go through
/// <see cref="FfmpegStream"/>.)
/// </summary>
public sealed class CaptureSource : IFrameSource
{
    // cv::CAP_PROP_OPEN_TIMEOUT_MSEC and cv::CAP_PROP_READ_TIMEOUT_MSEC (OpenCvSharp has no names for them).
    private const int OpenTimeoutProperty = 53;
    private const int ReadTimeoutProperty = 54;

    /// <summary>Grabs in a row that may fail inside a file before it counts as ended.</summary>
    private const int CorruptRun = 16;

    private readonly VideoCapture _capture;
    private readonly TimeSpan _readTimeout;
    private bool _grabbedAhead;
    private int _corruptAhead;

    private CaptureSource(SourceAddress address, VideoCapture capture, TimeSpan readTimeout)
    {
        Address = address;
        _capture = capture;
        _readTimeout = readTimeout;
        double fps = capture.Get(VideoCaptureProperties.Fps);
        Fps = double.IsFinite(fps) && fps is > 0 and < 1000 ? fps : 0;
    }

    public SourceAddress Address { get; }

    /// <summary>The frame rate the source declares; 0 when it declares none.</summary>
    public double Fps { get; }

    /// <summary>
    /// Opens the source, waiting at most <paramref name="openTimeout"/> (also when a backend ignores its time-out).
    /// </summary>
    /// <exception cref="ConfigurationException">the source cannot be opened: one line naming it</exception>
    public static CaptureSource Open(SourceAddress address, TimeSpan openTimeout, TimeSpan readTimeout)
    {
        var opening = Task.Run(() => OpenCapture(address, openTimeout, readTimeout));
        // A backend that ignores its time-out is left behind on its thread; the command then ends with exit code 2.
        if (!opening.Wait(openTimeout + TimeSpan.FromSeconds(2)))
            throw new ConfigurationException(address.Text, $"cannot open the source: no answer within {openTimeout.TotalSeconds:0.#} s");
        var capture = opening.Result;
        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new ConfigurationException(address.Text, address.Kind switch
            {
                SourceKind.Camera => "cannot open the camera (no such device, or it is busy)",
                _ => "cannot open the video file (not a video, or a format OpenCV's FFmpeg cannot read)",
            });
        }
        return new CaptureSource(address, capture, readTimeout);
    }

    private static VideoCapture OpenCapture(SourceAddress address, TimeSpan openTimeout, TimeSpan readTimeout)
    {
        int[] timeouts = [OpenTimeoutProperty, (int)openTimeout.TotalMilliseconds, ReadTimeoutProperty, (int)readTimeout.TotalMilliseconds];
        if (address.CameraIndex is { } index) return new VideoCapture(index, VideoCaptureAPIs.ANY, timeouts);
        return new VideoCapture(address.Text, address.Kind == SourceKind.Camera ? VideoCaptureAPIs.V4L2 : VideoCaptureAPIs.FFMPEG, timeouts);
    }

    public ReadOutcome Read(Mat into, out long grabbedAt, out double positionMs)
    {
        positionMs = double.NaN;
        grabbedAt = Stopwatch.GetTimestamp();
        if (_corruptAhead > 0)
        {
            _corruptAhead--;
            return ReadOutcome.Corrupt;
        }
        long start = grabbedAt;
        bool grabbed = _grabbedAhead || _capture.Grab();
        _grabbedAhead = false;
        grabbedAt = Stopwatch.GetTimestamp();
        if (!grabbed && Address.IsFile)
        {
            // Inside a file a frame FFmpeg cannot decode fails its grab and the next one succeeds; at the end they all fail.
            int failed = 1;
            while (failed <= CorruptRun && !_capture.Grab()) failed++;
            if (failed > CorruptRun) return ReadOutcome.Ended;
            _grabbedAhead = true;
            _corruptAhead = failed - 1;
            return ReadOutcome.Corrupt;
        }
        if (!grabbed)
        {
            // A camera that waited out its read time-out has stalled; one that fails at once has gone.
            bool waited = Stopwatch.GetElapsedTime(start, grabbedAt) >= _readTimeout * 0.9;
            return waited ? ReadOutcome.Stalled : ReadOutcome.Ended;
        }
        double position = _capture.Get(VideoCaptureProperties.PosMsec);
        if (double.IsFinite(position) && position >= 0) positionMs = position;
        if (!_capture.Retrieve(into) || into.Empty()) return ReadOutcome.Corrupt;
        return ReadOutcome.Frame;
    }

    public void Dispose() => _capture.Dispose();
}
