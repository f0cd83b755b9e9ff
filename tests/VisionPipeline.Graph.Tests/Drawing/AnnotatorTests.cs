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
}
