using System.Diagnostics;
using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Live.Sources;
using VisionPipeline.Live.Statistics;

namespace VisionPipeline.Live.Scheduling;

/// <summary>
/// One source's reader thread: grabs continuously, stamps each frame at grab time, thins on purpose, paces files
/// with --realtime, and hands frames to the source's <see cref="FrameSlot"/>. A stream that ends or stalls is reported;
/// with reconnection it is opened again with back-off (0.5 s doubling to 4 s) while the other sources go on, and the gap
/// is reported when frames come again.
/// </summary>
public sealed class SourceReader(IFrameSource opened, FrameSlot slot, SourceCounters counters, ReaderSettings settings,
    long runStart, Action<string> notice)
{
    private static readonly TimeSpan LongestBackOff = TimeSpan.FromSeconds(4);
    private const int ReportedCorrupt = 10;
    private readonly SourceAddress _address = opened.Address;
    private IFrameSource _source = opened;

    private string Name => $"source {_address.Position} ({_address.Text})";

    /// <summary>Reads until the source ends (and is not reopened), or <paramref name="stop"/> fires; then completes the slot.</summary>
    public void Run(CancellationToken stop)
    {
        var thinning = new FrameThinning(settings.Every, settings.MaxFps);
        bool paced = settings.Realtime && _address.IsFile;
        long index = 0, firstGrab = 0, lastGrab = 0;
        double firstPosition = double.NaN;
        bool resumed = false;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var image = new Mat();
                ReadOutcome outcome;
                long grabbedAt;
                double position;
                try
                {
                    outcome = _source.Read(image, out grabbedAt, out position);
                }
                catch (OpenCVException e)
                {
                    // An exception must not leave this thread: it would end the whole process.
                    image.Dispose();
                    counters.Interrupted();
                    notice($"{Name}: {e.ErrMsg}; it is closed");
                    return;
                }
                if (outcome != ReadOutcome.Frame)
                {
                    image.Dispose();
                    if (outcome == ReadOutcome.Corrupt)
                    {
                        counters.FrameCorrupt();
                        if (counters.Corrupt <= ReportedCorrupt)
                            notice($"{Name}: frame {index} cannot be decoded; skipped{(counters.Corrupt == ReportedCorrupt ? " (further ones are only counted)" : "")}");
                        index++;
                        continue;
                    }
                    if (stop.IsCancellationRequested || _address.IsFile) return;
                    counters.Interrupted();
                    var what = outcome == ReadOutcome.Stalled
                        ? $"stalled: no frame for {settings.ReadTimeout.TotalSeconds:0.#} s"
                        : "the stream ended";
                    if (!settings.Reconnect)
                    {
                        notice($"{Name}: {what}; it is closed (--reconnect opens it again)");
                        return;
                    }
                    notice($"{Name}: {what}; reconnecting");
                    if (!Reopen(stop)) return;
                    resumed = true;
                    continue;
                }

                counters.FrameRead();
                if (index == 0) firstGrab = grabbedAt;
                if (resumed)
                {
                    notice($"{Name}: frames again after a gap of {Stopwatch.GetElapsedTime(lastGrab, grabbedAt).TotalSeconds:0.0} s");
                    resumed = false;
                }
                lastGrab = grabbedAt;
                double timestamp = _address.IsFile && !double.IsNaN(position)
                    ? position
                    : Stopwatch.GetElapsedTime(runStart, grabbedAt).TotalMilliseconds;
                long frameIndex = index++;
                if (!thinning.Keep(frameIndex, grabbedAt))
                {
                    counters.FrameThinned();
                    image.Dispose();
                    continue;
                }
                if (paced)
                {
                    if (double.IsNaN(firstPosition)) firstPosition = timestamp;
                    if (!WaitUntil(firstGrab + (long)((timestamp - firstPosition) / 1000 * Stopwatch.Frequency), stop))
                    {
                        image.Dispose();
                        return;
                    }
                    grabbedAt = Stopwatch.GetTimestamp(); // a paced file's frame is "grabbed" when it is released
                }
                if (!slot.Put(new GrabbedFrame(image, frameIndex, timestamp, grabbedAt), stop)) return;
            }
        }
        finally
        {
            slot.Complete();
            _source.Dispose();
        }
    }

    private bool Reopen(CancellationToken stop)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        var since = Stopwatch.GetTimestamp();
        _source.Dispose();
        while (!stop.WaitHandle.WaitOne(delay))
        {
            try
            {
                _source = FrameSources.Open(_address, settings.OpenTimeout, settings.ReadTimeout);
                counters.Reconnected();
                notice($"{Name}: reopened after {Stopwatch.GetElapsedTime(since).TotalSeconds:0.0} s");
                return true;
            }
            catch (ConfigurationException)
            {
                delay = delay * 2 > LongestBackOff ? LongestBackOff : delay * 2;
            }
        }
        return false; // the closed source is disposed again in Run's finally, which VideoCapture allows
    }

    private static bool WaitUntil(long timestamp, CancellationToken stop)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return wait <= TimeSpan.Zero || !stop.WaitHandle.WaitOne(wait);
    }
}
