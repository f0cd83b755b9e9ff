using OpenCvSharp;
using VisionPipeline.Augmentation.Tests.Support;
using VisionPipeline.Augmentation.Transforms;
using VisionPipeline.Augmentation.Transforms.Geometric;
using VisionPipeline.Augmentation.Transforms.Photometric;

namespace VisionPipeline.Augmentation.Tests.Geometric;

/// <summary>A transform given parameters that change nothing returns the very same pixels and targets.</summary>
public class IdentityParameterTests
{
    public static TheoryData<string> Cases => new(IdentityCases.Keys);

    private static readonly Dictionary<string, (Transform Transform, TransformParams Params)> IdentityCases = new()
    {
        ["rotate 0°"] = (new Rotate(new ValueRange(-30, 30)), new RotateParams(0)),
        ["affine identity"] = (new Affine(), new AffineParams(1, 0, 0, 0, 0, 0)),
        ["perspective 0"] = (new Perspective(new ValueRange(0, 0.1)), new PerspectiveParams(new double[8])),
        ["random_resized_crop whole image"] = (new RandomResizedCrop(120, 90), new CropParams(0, 0, 120, 90)),
        ["random_crop whole image"] = (new RandomCrop(120, 90), new CropParams(0, 0, 120, 90)),
        ["pad to a smaller size"] = (new Pad(50, 50), new PadParams(0, 0)),
        ["letterbox to the same size"] = (new Letterbox(120, 90), NoParams.Instance),
        ["resize to the same size"] = (new Resize(120, 90), NoParams.Instance),
        ["random_scale 1"] = (new RandomScale(new ValueRange(0.5, 2)), new ScaleParams(1)),
        ["grid_distortion unstretched"] = (new GridDistortion(5, new ValueRange(-0.3, 0.3)), new GridParams([1, 1, 1, 1, 1], [1, 1, 1, 1, 1])),
        ["brightness_contrast 0"] = (new BrightnessContrast(new(-0.2, 0.2), new(-0.2, 0.2)), new LinearParams(1, 0)),
        ["hue_saturation_value 0"] = (new HueSaturationValue(new(-10, 10), new(-10, 10), new(-10, 10)), new HsvParams(0, 0, 0)),
        ["gamma 1"] = (new Gamma(new ValueRange(0.8, 1.2)), new GammaParams(1)),
        ["sharpen alpha 0"] = (new Sharpen(new(0.2, 0.5), new(0.5, 1)), new SharpenParams(0, 1)),
        ["gaussian_noise σ 0"] = (new GaussianNoise(new(5, 20)), new NoiseParams(0, 42)),
        ["channel_shuffle in order"] = (new ChannelShuffle(), new ShuffleParams([0, 1, 2])),
        ["coarse_dropout no holes"] = (new CoarseDropout(1, 4, 0.2), new DropoutParams([])),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Identity_parameters_return_identical_pixels_and_targets(string name)
    {
        var (transform, parameters) = IdentityCases[name];
        var fixture = new RectangleCase(120, 90, 17, 23, 40, 30, 5);
        using var original = fixture.Build();
        using var sample = fixture.Build();
        transform.Apply(sample, parameters, new AugmentContext(new AugmentRandom(0)));
        MatAssert.Identical(original.Image, sample.Image, $"{name}: image");
        MatAssert.Identical(original.LabelMap!, sample.LabelMap!, $"{name}: mask");
        Assert.Equal(original.Objects[0].Box, sample.Objects[0].Box);
        Assert.Equal(original.Objects[0].Keypoints, sample.Objects[0].Keypoints);
    }
}
