using VisionPipeline.Core.Targets;

namespace VisionPipeline.Live.Tracking;

/// <summary>How the tracker associates and keeps tracks.</summary>
public sealed record TrackerSettings
{
    /// <summary>Detections at least this sure are matched first, and only they start tracks.</summary>
    public float HighScore { get; init; } = 0.5f;

    /// <summary>Weaker detections (down to this) may still continue a track the strong ones left unmatched.</summary>
    public float LowScore { get; init; } = 0.1f;

    /// <summary>Least overlap of a strong detection with a track's predicted box to continue it.</summary>
    public float HighIoU { get; init; } = 0.2f;

    /// <summary>Least overlap of a weak detection with a track's predicted box to continue it.</summary>
    public float LowIoU { get; init; } = 0.5f;

    /// <summary>Frames a track may go unseen before it is forgotten.</summary>
    public int MaxMissed { get; init; } = 30;
}

/// <summary>
/// ByteTrack-style multi-object tracking of one source: each frame every track's box is predicted by its Kalman
/// motion model, strong detections are matched to the tracks by IoU, the tracks still unmatched are matched to the
/// weak detections (so an object that is briefly hard to see keeps its id), unmatched strong detections start new
/// tracks, and tracks unseen for <see cref="TrackerSettings.MaxMissed"/> frames end. Detections are matched only to
/// tracks of the same node and label. Ids start at 1 and are never reused.
/// </summary>
public sealed class ByteTracker(TrackerSettings? settings = null)
{
    private readonly TrackerSettings _settings = settings ?? new TrackerSettings();
    private readonly List<Track> _tracks = [];
    private int _nextId = 1;

    /// <summary>The tracks seen in the latest frame.</summary>
    public IEnumerable<Track> Current => _tracks.Where(t => t.Missed == 0);

    /// <summary>Every track still held, also those unseen for a few frames.</summary>
    public IReadOnlyList<Track> All => _tracks;

    /// <summary>Associates one frame's detections; returns the track of each detection, null for those too weak to be tracked.</summary>
    public Track?[] Update(IReadOnlyList<Detection> detections)
    {
        foreach (var track in _tracks) track.Predict();
        var assigned = new Track?[detections.Count];
        var matchedTracks = new HashSet<Track>();
        var strong = Enumerable.Range(0, detections.Count).Where(i => detections[i].Score >= _settings.HighScore).ToList();
        var weak = Enumerable.Range(0, detections.Count).Where(i => detections[i].Score >= _settings.LowScore && detections[i].Score < _settings.HighScore).ToList();

        Match(detections, strong, _tracks, _settings.HighIoU, assigned, matchedTracks);
        Match(detections, weak, _tracks.Where(t => !matchedTracks.Contains(t)).ToList(), _settings.LowIoU, assigned, matchedTracks);

        foreach (var track in _tracks.Where(t => !matchedTracks.Contains(t))) track.Lost();
        _tracks.RemoveAll(t => t.Missed > _settings.MaxMissed);
        foreach (int i in strong.Where(i => assigned[i] is null))
        {
            var d = detections[i];
            var track = new Track(_nextId++, d.Node, d.Label, d.Box);
            _tracks.Add(track);
            assigned[i] = track;
        }
        return assigned;
    }

    /// <summary>Greedy assignment, best overlap first: each detection and each track is used once.</summary>
    private static void Match(IReadOnlyList<Detection> detections, List<int> candidates, IReadOnlyList<Track> tracks, float minIoU,
        Track?[] assigned, HashSet<Track> matched)
    {
        var pairs = new List<(float IoU, int Detection, Track Track)>();
        foreach (int i in candidates)
            foreach (var track in tracks)
            {
                if (track.Label != detections[i].Label || track.Node != detections[i].Node) continue;
                float iou = track.Box.IoU(detections[i].Box);
                if (iou >= minIoU) pairs.Add((iou, i, track));
            }
        foreach (var (_, i, track) in pairs.OrderByDescending(p => p.IoU))
        {
            if (assigned[i] is not null || matched.Contains(track)) continue;
            track.Matched(detections[i].Box);
            assigned[i] = track;
            matched.Add(track);
        }
    }
}
