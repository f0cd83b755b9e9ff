using OpenCvSharp;
using VisionPipeline.Live.Scheduling;
using VisionPipeline.Live.Tracking;

namespace VisionPipeline.Live;

/// <summary>What a live run reads, writes and when it stops. Every value has a working default.</summary>
public sealed record LiveSettings
{
    public ReaderSettings Readers { get; init; } = new();

    /// <summary>--output: the pipeline's file sinks write each processed frame under source-I/ here; null: none.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>--save-json: one line per processed frame; null: none.</summary>
    public string? JsonFile { get; init; }

    /// <summary>--record: the annotated video (FILE for one source; FILE-I.mp4 for source I of several); null: none.</summary>
    public string? RecordFile { get; init; }

    /// <summary>--track: follow detections across frames and give each a track id (on whenever there are lines or zones).</summary>
    public bool Track { get; init; }

    public TrackerSettings Tracker { get; init; } = new();

    /// <summary>--line: segments (two points each) whose crossings are counted per label and direction.</summary>
    public IReadOnlyList<Point2f[]> Lines { get; init; } = [];

    /// <summary>--zone: polygons whose tracks inside, entries and dwell times are counted per label.</summary>
    public IReadOnlyList<Point2f[]> Zones { get; init; } = [];

    public bool Tracking => Track || Lines.Count > 0 || Zones.Count > 0;

    /// <summary>--show: a window per source when a display exists.</summary>
    public bool Show { get; init; }

    /// <summary>--serve: where the browser viewer listens; null: no viewer.</summary>
    public Viewer.ServeAddress? Serve { get; init; }

    /// <summary>Each source stops after this many processed frames (0: no limit).</summary>
    public long MaxFrames { get; init; }

    /// <summary>The run stops after this long (null: when every source has ended).</summary>
    public TimeSpan? Duration { get; init; }
}
