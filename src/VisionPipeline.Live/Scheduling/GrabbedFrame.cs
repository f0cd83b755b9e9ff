using OpenCvSharp;

namespace VisionPipeline.Live.Scheduling;

/// <summary>
/// A frame as its reader grabbed it: the pixels (owned), its index in the source (every frame grabbed counts, also
/// those thinned or dropped later), the source's time of it and the <see cref="System.Diagnostics.Stopwatch"/>
/// timestamp of the grab, from which latency is measured.
/// </summary>
public sealed class GrabbedFrame(Mat image, long index, double timestampMs, long grabbedAt) : IDisposable
{
    public Mat Image { get; } = image;
    public long Index { get; } = index;
    public double TimestampMs { get; } = timestampMs;
    public long GrabbedAt { get; } = grabbedAt;

    public void Dispose() => Image.Dispose();
}
