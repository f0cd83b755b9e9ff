using OpenCvSharp;
using VisionPipeline.Live.Tracking;

namespace VisionPipeline.Live.Counting;

/// <summary>
/// --zone x1,y1,x2,y2,x3,y3,…: per label, the tracks whose centre is inside the polygon now, how many have entered it
/// so far, and how long each track inside has been there (source time).
/// </summary>
public sealed class CountingZone(int index, Point2f[] polygon)
{
    private readonly Dictionary<int, (string Label, double Since)> _inside = [];
    private readonly SortedDictionary<string, int> _entered = new(StringComparer.Ordinal);
    private double _now;

    public int Index { get; } = index;
    public Point2f[] Polygon { get; } = polygon;

    public void Observe(IEnumerable<Track> tracks, double timestampMs)
    {
        _now = timestampMs;
        var seen = new HashSet<int>();
        foreach (var track in tracks)
        {
            seen.Add(track.Id);
            bool inside = Cv2.PointPolygonTest(Polygon, CountingGeometry.Anchor(track.Box), measureDist: false) >= 0;
            if (inside && !_inside.ContainsKey(track.Id))
            {
                _inside[track.Id] = (track.Label, timestampMs);
                _entered[track.Label] = _entered.GetValueOrDefault(track.Label) + 1;
            }
            else if (!inside)
            {
                _inside.Remove(track.Id);
            }
        }
        // A track not seen in this frame is no longer counted inside.
        foreach (var id in _inside.Keys.Where(id => !seen.Contains(id)).ToList()) _inside.Remove(id);
    }

    public IEnumerable<ZoneCount> Counts => _entered.Keys.Select(label => new ZoneCount(Index, label,
        _inside.Values.Count(v => v.Label == label), _entered[label],
        _inside.Where(kv => kv.Value.Label == label).OrderBy(kv => kv.Key)
            .ToDictionary(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => Math.Round(_now - kv.Value.Since, 1))));
}

/// <summary>One label in one zone: tracks inside now, tracks that entered so far, and each inside track's dwell time.</summary>
public sealed record ZoneCount(int Zone, string Label, int Inside, int Entered, IReadOnlyDictionary<string, double> DwellMs);
