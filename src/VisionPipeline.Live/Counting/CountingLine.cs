using OpenCvSharp;
using VisionPipeline.Live.Tracking;

namespace VisionPipeline.Live.Counting;

/// <summary>
/// --line x1,y1,x2,y2: counts tracks whose centre crosses the segment, per label and direction. "in" is a crossing
/// onto the right-hand side of the line looking from (x1,y1) to (x2,y2) (image y points down, so for a line drawn left
/// to right, "in" is downward), "out" the other way. A track that stops on the line and goes back is not counted.
/// </summary>
public sealed class CountingLine(int index, Point2f a, Point2f b)
{
    private readonly Dictionary<int, (Point2f Point, float Side)> _last = [];
    private readonly SortedDictionary<string, (int In, int Out)> _counts = new(StringComparer.Ordinal);

    public int Index { get; } = index;
    public Point2f A { get; } = a;
    public Point2f B { get; } = b;

    public void Observe(IEnumerable<Track> tracks)
    {
        foreach (var track in tracks)
        {
            var point = CountingGeometry.Anchor(track.Box);
            float side = CountingGeometry.Side(A, B, point);
            if (_last.TryGetValue(track.Id, out var last) && side != 0 && last.Side != 0 && Math.Sign(side) != Math.Sign(last.Side)
                && WithinSegment(last.Point, point))
            {
                var (i, o) = _counts.GetValueOrDefault(track.Label);
                _counts[track.Label] = side > 0 ? (i + 1, o) : (i, o + 1);
            }
            if (side != 0 || !_last.ContainsKey(track.Id)) _last[track.Id] = (point, side);
        }
    }

    /// <summary>Forgets tracks that ended.</summary>
    public void Keep(IReadOnlySet<int> alive)
    {
        foreach (var id in _last.Keys.Where(id => !alive.Contains(id)).ToList()) _last.Remove(id);
    }

    public IEnumerable<LineCount> Counts => _counts.Select(kv => new LineCount(Index, kv.Key, kv.Value.In, kv.Value.Out));

    /// <summary>Whether the move p→q crosses the segment itself, not the line beyond its ends.</summary>
    private bool WithinSegment(Point2f p, Point2f q)
    {
        float s1 = CountingGeometry.Side(p, q, A), s2 = CountingGeometry.Side(p, q, B);
        return Math.Sign(s1) != Math.Sign(s2) || s1 == 0 || s2 == 0;
    }
}

/// <summary>One label's crossings of one line so far.</summary>
public sealed record LineCount(int Line, string Label, int In, int Out);
