namespace VisionPipeline.Live.Statistics;

/// <summary>What happened to one source's frames; written by its reader and its processing loop, read at the end.</summary>
public sealed class SourceCounters
{
    private long _read, _thinned, _corrupt, _processed, _failed, _interruptions, _reconnects;

    /// <summary>Frames grabbed and decoded.</summary>
    public long Read => Interlocked.Read(ref _read);

    /// <summary>Frames left out on purpose by --every or --max-fps.</summary>
    public long Thinned => Interlocked.Read(ref _thinned);

    /// <summary>Frames grabbed that could not be decoded.</summary>
    public long Corrupt => Interlocked.Read(ref _corrupt);

    /// <summary>Frames the pipeline processed (failed ones included).</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Frames on which a node failed.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Times the stream ended or stalled before the run did.</summary>
    public long Interruptions => Interlocked.Read(ref _interruptions);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Grab-to-result latency of the processed frames (touched by the source's processing loop only).</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Milliseconds the pipeline spent on this source's frames.</summary>
    public double ProcessingMilliseconds { get; private set; }

    public void FrameRead() => Interlocked.Increment(ref _read);
    public void FrameThinned() => Interlocked.Increment(ref _thinned);
    public void FrameCorrupt() => Interlocked.Increment(ref _corrupt);
    public void Interrupted() => Interlocked.Increment(ref _interruptions);
    public void Reconnected() => Interlocked.Increment(ref _reconnects);

    public void FrameProcessed(bool failed, double processingMs, double latencyMs)
    {
        Interlocked.Increment(ref _processed);
        if (failed) Interlocked.Increment(ref _failed);
        ProcessingMilliseconds += processingMs;
        Latency.Add(latencyMs);
    }
}
