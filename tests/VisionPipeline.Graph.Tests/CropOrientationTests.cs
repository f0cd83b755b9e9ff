using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Nodes.Ops;

namespace VisionPipeline.Graph.Tests;

public class CropOrientationTests
{
    // A palm whose wrist (keypoint 0) lies right of its middle-finger base (keypoint 2): the hand points left.
    private static readonly Detection Palm = new("palms", "palm", 0.9f, new BoxF(100, 100, 140, 120))
    {
        Keypoints = [new Point2f(140, 110), new Point2f(0, 0), new Point2f(110, 110)],
    };

    [Fact]
    public void A_crop_turned_by_two_keypoints_has_them_pointing_at_the_angle()
    {
        var hand = new CropOrientation(Square: true, Shift: [0, 0], RotateBy: [0, 2], Angle: 90, Size: 224);
        var (toFrame, w, h) = hand.Region(Palm, padding: 0.8)!.Value;
        Assert.Equal((224, 224), (w, h));
        var fromFrame = toFrame.Invert();
        var wrist = fromFrame.Apply(Palm.Keypoints![0]);
        var finger = fromFrame.Apply(Palm.Keypoints[2]);
        // In the crop the fingers point up: same x, smaller y.
        Assert.Equal(wrist.X, finger.X, 3);
        Assert.True(finger.Y < wrist.Y, $"finger base at y {finger.Y}, wrist at y {wrist.Y}");
    }

    [Fact]
    public void The_region_is_the_squared_grown_box_and_maps_back_exactly()
    {
        var square = new CropOrientation(Square: true, Shift: [0, 0], RotateBy: [], Angle: 0, Size: 0);
        var (toFrame, w, h) = square.Region(Palm, padding: 0.25)!.Value;
        Assert.Equal((60, 60), (w, h)); // 40 × 20 box → 40 × 40 → grown by a quarter each side
        Assert.Equal(new Point2f(90, 80), toFrame.Apply(new Point2f(0, 0)));
        Assert.Equal(new Point2f(150, 140), toFrame.Apply(new Point2f(60, 60)));
        var back = toFrame.Invert().Apply(toFrame.Apply(new Point2f(17.25f, 42.5f)));
        Assert.Equal(17.25f, back.X, 4);
        Assert.Equal(42.5f, back.Y, 4);
    }

    [Fact]
    public void A_shift_moves_along_the_turned_axes()
    {
        // Turned by 90°, "up" in the crop (−y) is "left" in the frame: half the box height towards the fingers.
        var shifted = new CropOrientation(Square: false, Shift: [0, -0.5], RotateBy: [0, 2], Angle: 90, Size: 0);
        var (toFrame, w, h) = shifted.Region(Palm, padding: 0)!.Value;
        var centre = toFrame.Apply(new Point2f(w / 2f, h / 2f));
        Assert.Equal(120 - 10, centre.X, 3);
        Assert.Equal(110, centre.Y, 3);
    }
}
