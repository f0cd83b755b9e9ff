using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Tests.Support;
using VisionPipeline.Augmentation.Transforms;
using VisionPipeline.Augmentation.Transforms.Photometric;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Augmentation.Tests.Photometric;

/// <summary>Photometric transforms on a real photo: pixels change, size, type and targets do not.</summary>
public class PhotometricTests
{
    private static readonly Dictionary<string, Transform> All = new()
    {
        ["brightness_contrast"] = new BrightnessContrast(new(0.1, 0.2), new(0.1, 0.2)),
        ["hue_saturation_value"] = new HueSaturationValue(new(10, 20), new(10, 30), new(5, 20)),
        ["gamma"] = new Gamma(new(0.5, 0.7)),
        ["clahe"] = new Clahe(new(2, 4)),
        ["equalize"] = new Equalize(),
        ["gaussian_blur"] = new GaussianBlur(5, 9),
        ["median_blur"] = new MedianBlur(5, 7),
        ["motion_blur"] = new MotionBlur(7, 11),
        ["gaussian_noise"] = new GaussianNoise(new(10, 20)),
        ["iso_noise"] = new IsoNoise(new(0.03, 0.05), new(0.3, 0.5)),
        ["jpeg"] = new JpegCompression(20, 40),
        ["sharpen"] = new Sharpen(new(0.3, 0.5), new(0.5, 1)),
        ["grayscale"] = new ToGray(),
        ["channel_shuffle"] = new ChannelShuffle(),
        ["coarse_dropout"] = new CoarseDropout(2, 4, 0.2),
    };

    public static TheoryData<string> Names => new(All.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Changes_pixels_but_not_size_type_or_targets(string name)
    {
        using var photo = Cv2.ImRead(Directory.GetFiles(RepoPaths.SampleImages).Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase)).Order().First());
        using var image = new Mat();
        Cv2.Resize(photo, image, new Size(160, 120));
        var box = new Core.Geometry.BoxF(10, 20, 60, 70);
        var augmenter = new Augmenter([All[name]]);
        // channel_shuffle may draw the identity order; a handful of copies settles it.
        bool changed = false;
        for (int copy = 0; copy < 6 && !changed; copy++)
        {
            using var s = Sample.Borrowing(image, [new SampleObject(box) { Keypoints = [new SampleKeypoint(30, 40)] }]);
            augmenter.Augment(s, 1, 0, copy);
            Assert.Equal(image.Size(), s.Image.Size());
            Assert.Equal(image.Type(), s.Image.Type());
            Assert.Equal(box, s.Objects[0].Box);
            Assert.Equal(new SampleKeypoint(30, 40), s.Objects[0].Keypoints![0]);
            using var diff = new Mat();
            Cv2.Absdiff(image, s.Image, diff);
            changed = Cv2.CountNonZero(diff.Reshape(1)) > 0;
        }
        Assert.True(changed, $"{name} left every pixel as it was");
    }
}
