using VisionPipeline.Live.Sources;

namespace VisionPipeline.Live;

/// <summary>One source's figures at the end of a live run (<c>PipelineMs</c>: the pipeline's mean time on one of its frames).</summary>
public sealed record SourceSummary(
    SourceAddress Source,
    long Read,
    long Processed,
    long Dropped,
    long Thinned,
    long Corrupt,
    long Failed,
    long Interruptions,
    long Reconnects,
    double Fps,
    double PipelineMs,
    double LatencyP50,
    double LatencyP95,
    double LatencyMax);

/// <summary>
/// What a live run did: each source's frames, rate and grab-to-result latency, the share of the pipeline's time spent
/// inside the engines, and whether Ctrl-C stopped it.
/// </summary>
public sealed record LiveSummary(IReadOnlyList<SourceSummary> Sources, double EngineShare, TimeSpan Wall, bool Interrupted)
{
    /// <summary>Frames on which a node failed, and streams that ended or stalled before the run did.</summary>
    public bool SomethingFailed => Sources.Any(s => s.Failed > 0 || s.Interruptions > s.Reconnects || s.Corrupt > 0);
}
