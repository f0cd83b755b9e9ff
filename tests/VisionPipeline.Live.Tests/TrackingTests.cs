using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Core.Targets;
using VisionPipeline.Live.Counting;
using VisionPipeline.Live.Tracking;

namespace VisionPipeline.Live.Tests;

public class TrackingTests
{
    private static Detection Box(float x, float y, float score = 0.9f, string label = "car") => new("cars", label, score, new BoxF(x, y, x + 40, y + 30));

    [Fact]
    public void A_moving_object_keeps_its_id_and_a_weak_detection_continues_its_track()
    {
        var tracker = new ByteTracker();
        var ids = new List<int?>();
        for (int k = 0; k < 20; k++)
        {
            // Frame 10 finds the object only weakly (0.3): ByteTrack's second association keeps it.
            var found = tracker.Update([Box(10 + 8 * k, 50, k == 10 ? 0.3f : 0.9f)]);
            ids.Add(found[0]?.Id);
        }
        Assert.All(ids, id => Assert.Equal(1, id));
    }

    [Fact]
    public void A_weak_detection_alone_starts_no_track_and_other_labels_are_never_matched()
    {
        var tracker = new ByteTracker();
        Assert.Null(tracker.Update([Box(10, 10, 0.3f)])[0]);
        var first = tracker.Update([Box(10, 10, 0.9f, "car")])[0]!;
        var second = tracker.Update([Box(10, 10, 0.9f, "bus")])[0]!;
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void An_object_unseen_for_a_few_frames_comes_back_with_its_id_predicted_along_its_path()
    {
        var tracker = new ByteTracker();
        for (int k = 0; k < 10; k++) tracker.Update([Box(10 + 5 * k, 50)]);
        for (int k = 10; k < 14; k++) tracker.Update([]);
        Assert.Equal(1, tracker.Update([Box(10 + 5 * 14, 50)])[0]!.Id);
    }

    [Fact]
    public void A_line_counts_each_crossing_once_per_direction_and_a_zone_counts_entries_and_dwell()
    {
        var tracker = new ByteTracker();
        var line = new CountingLine(0, new Point2f(100, 0), new Point2f(100, 200));
        var zone = new CountingZone(0, [new(0, 0), new(100, 0), new(100, 200), new(0, 200)]);
        var counter = new TrackCounter([line], [zone]);
        for (int k = 0; k < 30; k++)
        {
            // One car drives right through x = 100, another left through it, 10 px a frame, 40 ms apart.
            tracker.Update([Box(10 + 10 * k, 20), Box(305 - 10 * k, 120)]);
            counter.Observe(tracker, 40.0 * k);
        }
        var counts = counter.Snapshot();
        Assert.Equal(new LineCount(0, "car", In: 1, Out: 1), Assert.Single(counts.Lines));
        var inside = Assert.Single(counts.Zones);
        Assert.Equal((1, 2), (inside.Inside, inside.Entered));
        // The second car's centre (325 − 10k) enters x ≤ 100 at k = 23 (halfway between frames, so the tracked box's
        // smoothing does not move it to another frame): 6 frames × 40 ms before the last.
        Assert.Equal(6 * 40.0, Assert.Single(inside.DwellMs).Value);
    }
}
