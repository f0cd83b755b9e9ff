using VisionPipeline.Live.Tracking;

namespace VisionPipeline.Live.Counting;

/// <summary>The lines and zones of one source, fed its tracks frame by frame.</summary>
public sealed class TrackCounter(IReadOnlyList<CountingLine> lines, IReadOnlyList<CountingZone> zones)
{
    public IReadOnlyList<CountingLine> Lines { get; } = lines;
    public IReadOnlyList<CountingZone> Zones { get; } = zones;
    public bool IsEmpty => Lines.Count == 0 && Zones.Count == 0;

    /// <summary>Counts the tracks seen in a frame; tracks the tracker no longer holds are forgotten.</summary>
    public void Observe(ByteTracker tracker, double timestampMs)
    {
        var current = tracker.Current.ToList();
        var alive = tracker.All.Select(t => t.Id).ToHashSet();
        foreach (var line in Lines)
        {
            line.Observe(current);
            line.Keep(alive);
        }
        foreach (var zone in Zones) zone.Observe(current, timestampMs);
    }

    public FrameCounts Snapshot() => new(Lines.SelectMany(l => l.Counts).ToList(), Zones.SelectMany(z => z.Counts).ToList());
}

/// <summary>The counts after a frame, as --save-json writes them.</summary>
public sealed record FrameCounts(IReadOnlyList<LineCount> Lines, IReadOnlyList<ZoneCount> Zones);
