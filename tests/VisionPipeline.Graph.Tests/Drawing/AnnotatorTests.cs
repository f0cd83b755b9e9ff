using OpenCvSharp;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Drawing;

namespace VisionPipeline.Graph.Tests.Drawing;

public class AnnotatorTests
{
    [Fact]
    public void A_mask_tints_exactly_its_own_pixels_and_an_empty_mask_changes_nothing()
    {
        using var image = new Mat(60, 80, MatType.CV_8UC3, new Scalar(10, 200, 90));
        var pixels = new Mat(60, 80, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Circle(pixels, new Point(30, 25), 9, Scalar.All(255), -1);
        using var mask = new MaskTarget("person", "person", pixels);
        using var empty = new MaskTarget("person", "person", new Mat(60, 80, MatType.CV_8UC1, Scalar.All(0)));

        using var drawn = Annotator.Draw(image, [], [mask, empty], ["person"]);

        using var changed = new Mat();
        using var difference = new Mat();
        Cv2.Absdiff(drawn, image, difference);
        Cv2.CvtColor(difference, changed, ColorConversionCodes.BGR2GRAY);
        Cv2.Threshold(changed, changed, 0, 255, ThresholdTypes.Binary);
        using var outside = new Mat();
        Cv2.BitwiseXor(changed, pixels, outside);
        Assert.True(Cv2.CountNonZero(outside) == 0,
            $"{Cv2.CountNonZero(outside)} pixels differ between where the drawing changed the image and where the mask is");
    }

    [Fact]
    public void A_skeleton_is_drawn_bone_by_bone_and_unseen_keypoints_are_left_out()
    {
        using var image = new Mat(200, 200, MatType.CV_8UC3, Scalar.All(0));
        // Hand-21: wrist (0) → thumb_cmc (1) is a bone; so is index_finger_mcp (5) → index_finger_pip (6).
        var points = Enumerable.Range(0, 21).Select(_ => new Point2f(190, 190)).ToArray();
        points[0] = new Point2f(40, 100);
        points[1] = new Point2f(160, 100);
        points[5] = new Point2f(100, 20);
        points[6] = new Point2f(100, 60);
        var scores = Enumerable.Repeat(1f, 21).ToArray();
        scores[6] = 0.2f; // not seen: neither it nor its bones are drawn
        var hand = new Detection("hands", "Left", 0.9f, new Core.Geometry.BoxF(0, 0, 1, 1))
        {
            Keypoints = points, KeypointScores = scores, Skeleton = Skeleton.Hand21.Name,
        };

        using var drawn = Annotator.Draw(image, [hand], [], ["hands"]);

        Assert.True(drawn.At<Vec3b>(100, 100).Item2 > 0, "the wrist-to-thumb bone is not drawn at its middle (100, 100)");
        Assert.True(drawn.At<Vec3b>(40, 100) == new Vec3b(0, 0, 0), "a bone to an unseen keypoint was drawn at (100, 40)");
    }
}
