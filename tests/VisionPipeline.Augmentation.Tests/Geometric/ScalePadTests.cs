using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Transforms;
using VisionPipeline.Augmentation.Transforms.Geometric;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Tests.Geometric;

/// <summary>Crops, pads and letterboxes write every output pixel: the image where it lands, the fill elsewhere.</summary>
public class ScalePadTests
{
    private static Mat Run(Transform transform, TransformParams parameters, Mat image)
    {
        using var sample = Sample.Borrowing(image);
        transform.Apply(sample, parameters, new AugmentContext(new AugmentRandom(0)));
        return sample.Image.Clone();
    }

    [Fact]
    public void A_letterbox_fills_the_bands_and_scales_the_image_between_them()
    {
        using var white = new Mat(50, 200, MatType.CV_8UC3, Scalar.All(255));
        using var boxed = Run(new Letterbox(100, 100) { Fill = 114 }, NoParams.Instance, white);
        Assert.Equal(new Size(100, 100), boxed.Size());
        // 200×50 → 100×25, rows 37–61.
        Assert.Equal(114, boxed.At<Vec3b>(36, 50).Item0);
        Assert.Equal(255, boxed.At<Vec3b>(37, 50).Item0);
        Assert.Equal(255, boxed.At<Vec3b>(61, 99).Item0);
        Assert.Equal(114, boxed.At<Vec3b>(62, 0).Item0);
    }

    [Fact]
    public void A_reflecting_pad_mirrors_the_image_into_the_border()
    {
        using var image = new Mat(4, 4, MatType.CV_8UC1, Scalar.All(0));
        image.Set(0, 0, (byte)200);
        var pad = new Pad(8, 4) { Style = new BorderStyle(Border: BorderTypes.Reflect) };
        using var padded = Run(pad, new PadParams(2, 0), image);
        Assert.Equal(new Size(8, 4), padded.Size());
        Assert.Equal(200, padded.At<byte>(0, 1));
        Assert.Equal(200, padded.At<byte>(0, 2));
        Assert.Equal(0, padded.At<byte>(0, 0));
    }

    [Fact]
    public void A_crop_larger_than_the_image_pads_right_and_bottom_with_the_fill()
    {
        using var image = new Mat(10, 10, MatType.CV_8UC1, Scalar.All(9));
        using var cropped = Run(new RandomCrop(16, 12) { Fill = 7 }, new CropParams(0, 0, 10, 10), image);
        Assert.Equal(new Size(16, 12), cropped.Size());
        Assert.Equal(9, cropped.At<byte>(9, 9));
        Assert.Equal(7, cropped.At<byte>(9, 10));
        Assert.Equal(7, cropped.At<byte>(10, 0));
    }
}
