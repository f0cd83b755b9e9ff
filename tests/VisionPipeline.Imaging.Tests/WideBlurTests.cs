using OpenCvSharp;
using VisionPipeline.Imaging.Filters;

namespace VisionPipeline.Imaging.Tests;

/// <summary>The background blur of `op.apply_mask`: exact for small kernels, within a few grey levels of OpenCV's for wide ones.</summary>
public class WideBlurTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(13)]
    public void Small_kernels_blur_exactly_as_OpenCV_does(int kernel)
    {
        using var photo = Cv2.ImRead(Path.Combine(TestSupport.RepoPaths.SampleImages, "messi5.jpg"), ImreadModes.Color);
        using var expected = new Mat();
        Cv2.GaussianBlur(photo, expected, new Size(kernel, kernel), 0);
        using var actual = WideBlur.Apply(photo, kernel);
        using var difference = new Mat();
        Cv2.Absdiff(expected, actual, difference);
        Assert.Equal(0, Cv2.CountNonZero(difference.Reshape(1)));
    }

    [Theory]
    [InlineData("messi5.jpg", 31)]
    [InlineData("basketball1.png", 31)]
    [InlineData("fruits.jpg", 15)]
    [InlineData("baboon.jpg", 61)]
    public void Wide_kernels_come_within_a_few_grey_levels_of_the_full_resolution_blur(string name, int kernel)
    {
        using var photo = Cv2.ImRead(Path.Combine(TestSupport.RepoPaths.SampleImages, name), ImreadModes.Color);
        using var expected = new Mat();
        Cv2.GaussianBlur(photo, expected, new Size(kernel, kernel), 0);
        using var actual = WideBlur.Apply(photo, kernel);
        Assert.Equal(photo.Size(), actual.Size());
        using var difference = new Mat();
        Cv2.Absdiff(expected, actual, difference);
        double mean = Cv2.Mean(difference).Val0;
        // Away from the border (where OpenCV reflects the image at another scale), the largest difference.
        int margin = kernel;
        using var inner = new Mat(difference, new Rect(margin, margin, photo.Width - 2 * margin, photo.Height - 2 * margin));
        inner.Reshape(1).MinMaxLoc(out double _, out double max);
        Assert.True(WideBlur.ShrinkFactor(kernel) > 1, $"kernel {kernel} should be blurred at a reduced resolution");
        Assert.True(mean < 0.75 && max <= 8, $"{name}, kernel {kernel}: mean difference {mean:0.00} grey levels, largest {max} inside the border");
    }
}
