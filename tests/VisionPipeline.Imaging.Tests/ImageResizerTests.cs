using OpenCvSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Imaging.Preprocessing;

namespace VisionPipeline.Imaging.Tests;

public class ImageResizerTests
{
    [Theory]
    [InlineData(548, 342, 192, 192)]
    [InlineData(342, 548, 192, 192)]
    [InlineData(640, 480, 640, 640)]
    [InlineData(1920, 1080, 224, 224)]
    [InlineData(101, 37, 64, 48)]
    public void Letterbox_map_sends_image_corners_to_the_edges_of_the_resized_content(int w, int h, int tw, int th)
    {
        using var image = new Mat(h, w, MatType.CV_8UC3, Scalar.All(200));
        using var prepared = ImageResizer.Letterbox(image, tw, th, padValue: 0);
        Assert.Equal(new Size(tw, th), prepared.Image.Size());

        var topLeft = prepared.ToTensor.Apply(0, 0);
        var bottomRight = prepared.ToTensor.Apply(w, h);
        // The content occupies exactly [topLeft, bottomRight); everything outside is padding.
        int x0 = (int)Math.Round(topLeft.X), y0 = (int)Math.Round(topLeft.Y);
        int x1 = (int)Math.Round(bottomRight.X), y1 = (int)Math.Round(bottomRight.Y);
        Assert.True(Math.Abs(topLeft.X - x0) < 1e-9 && Math.Abs(bottomRight.Y - y1) < 1e-9, "content edges must fall on pixel edges");
        using var content = new Mat(prepared.Image, new Rect(x0, y0, x1 - x0, y1 - y0));
        Assert.Equal(200.0, Cv2.Mean(content).Val0, 6);
        Assert.Equal((long)(x1 - x0) * (y1 - y0), (long)Cv2.CountNonZero(prepared.Image.ExtractChannel(0)));
    }

    [Fact]
    public void Letterbox_round_trip_puts_a_marked_pixel_back_where_it_was()
    {
        using var image = new Mat(300, 500, MatType.CV_8UC3, Scalar.All(0));
        Cv2.Rectangle(image, new Rect(350, 40, 20, 20), Scalar.All(255), -1);
        using var prepared = ImageResizer.Letterbox(image, 250, 250);
        using var grey = prepared.Image.CvtColor(ColorConversionCodes.BGR2GRAY);
        var moments = Cv2.Moments(grey);
        // Centroid in continuous coordinates = pixel-index centroid + 0.5.
        var back = prepared.ToOriginal.Apply(moments.M10 / moments.M00 + 0.5, moments.M01 / moments.M00 + 0.5);
        Assert.InRange(back.X, 359, 361);
        Assert.InRange(back.Y, 49, 51);
    }

    [Fact]
    public void Center_crop_covers_the_target_and_maps_the_centre_to_the_centre()
    {
        using var image = new Mat(1080, 1920, MatType.CV_8UC3, Scalar.All(10));
        using var prepared = ImageResizer.Prepare(image, 224, 224, ResizeMode.CenterCrop);
        Assert.Equal(new Size(224, 224), prepared.Image.Size());
        var centre = prepared.ToTensor.Apply(960, 540);
        Assert.Equal(112, centre.X, 6);
        Assert.Equal(112, centre.Y, 6);
    }

    [Fact]
    public void Stretch_maps_each_axis_by_its_own_factor()
    {
        using var image = new Mat(342, 548, MatType.CV_8UC3);
        using var prepared = ImageResizer.Prepare(image, 256, 256, ResizeMode.Stretch);
        var p = prepared.ToTensor.Apply(548, 342);
        Assert.Equal((256.0, 256.0), (p.X, p.Y));
    }
}
