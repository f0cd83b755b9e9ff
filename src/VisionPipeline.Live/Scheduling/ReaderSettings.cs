namespace VisionPipeline.Live.Scheduling;

/// <summary>How readers grab: thinning, pacing of files, time-outs and reconnection.</summary>
public sealed record ReaderSettings
{
    /// <summary>Keep one grabbed frame in this many (1: all).</summary>
    public int Every { get; init; } = 1;

    /// <summary>At most this many frames a second reach the pipeline (0: no limit).</summary>
    public double MaxFps { get; init; }

    /// <summary>Files play at their own frame rate through the newest-frame-wins slot, as a camera would.</summary>
    public bool Realtime { get; init; }

    /// <summary>Cameras and streams that end or stall are opened again, with back-off, until the run ends.</summary>
    public bool Reconnect { get; init; }

    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A stream with no frame for this long has stalled.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
