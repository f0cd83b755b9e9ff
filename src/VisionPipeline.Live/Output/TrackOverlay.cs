using OpenCvSharp;
using VisionPipeline.Graph.Drawing;
using VisionPipeline.Core.Targets;
using VisionPipeline.Live.Counting;
using VisionPipeline.Live.Tracking;

namespace VisionPipeline.Live.Output;

/// <summary>Draws what tracking and counting add onto an annotated frame: track ids, the lines and zones, the counts.</summary>
public static class TrackOverlay
{
    private static readonly Scalar Marks = new(0, 255, 255);
    private static readonly Scalar Ink = new(255, 255, 255);

    /// <param name="counts">The counter's counts for this frame (null when it counts nothing).</param>
    public static void Draw(Mat canvas, IReadOnlyList<Detection> detections, IReadOnlyList<Track?> tracks, TrackCounter counter, FrameCounts? counts)
    {
        var (thickness, scale) = Annotator.Strokes(canvas.Size());
        for (int i = 0; i < detections.Count; i++)
            if (tracks[i] is { } track)
                Text(canvas, $"#{track.Id}", new Point(detections[i].Box.X1, detections[i].Box.Y2 + 14 * scale * 1.4), scale, thickness);

        foreach (var line in counter.Lines)
            Cv2.Line(canvas, Round(line.A), Round(line.B), Marks, thickness + 1, LineTypes.AntiAlias);
        foreach (var zone in counter.Zones)
            Cv2.Polylines(canvas, [zone.Polygon.Select(Round).ToArray()], true, Marks, thickness + 1, LineTypes.AntiAlias);

        if (counts is null) return;
        var rows = counts.Lines.Select(c => $"line {c.Line} {c.Label}: in {c.In} out {c.Out}")
            .Concat(counts.Zones.Select(c => $"zone {c.Zone} {c.Label}: inside {c.Inside} entered {c.Entered}"));
        int y = (int)(24 * scale * 1.4);
        foreach (var row in rows)
        {
            Text(canvas, row, new Point(8, y), scale, thickness);
            y += (int)(24 * scale * 1.4);
        }
    }

    private static void Text(Mat canvas, string text, Point at, double scale, int thickness)
    {
        Cv2.PutText(canvas, text, at, HersheyFonts.HersheySimplex, scale, Scalar.All(0), thickness + 2, LineTypes.AntiAlias);
        Cv2.PutText(canvas, text, at, HersheyFonts.HersheySimplex, scale, Ink, thickness, LineTypes.AntiAlias);
    }

    private static Point Round(Point2f p) => new((int)Math.Round(p.X), (int)Math.Round(p.Y));
}
