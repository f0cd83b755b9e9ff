using OpenCvSharp;
using VisionPipeline.Augmentation.Transforms;
using VisionPipeline.Augmentation.Transforms.Geometric;
using VisionPipeline.Augmentation.Transforms.Photometric;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Benchmarks.Augmentation;

/// <summary>
/// One benchmarked transform: ours (random parameters drawn per call, as in training) and the bare OpenCV calls
/// doing the same pixel work on the image and, for geometric transforms, on the mask (nearest neighbour).
/// </summary>
internal sealed record AugmentationCase(string Name, Func<Transform> Ours, Func<Mat, Mat> BareImage, Func<Mat, Mat>? BareMask);

internal static class AugmentationCases
{
    private const InterpolationFlags Linear = InterpolationFlags.Linear, Nearest = InterpolationFlags.Nearest;

    private static readonly float[] GridColumns = Enumerable.Range(0, 512).Select(i => i * 0.97f).ToArray();
    private static readonly float[] GridRows = Enumerable.Range(0, 512).Select(i => i * 1.02f).ToArray();
    private static readonly Mat HsvTable = HueTable();
    private static readonly byte[] GammaTable = Enumerable.Range(0, 256).Select(v => (byte)Math.Round(255 * Math.Pow(v / 255.0, 0.8))).ToArray();
    private static readonly Mat MotionKernel = Motion(7);
    private static readonly Mat SharpenKernel = Mat.FromPixelData(3, 3, MatType.CV_32FC1, new float[] { -0.3f, -0.3f, -0.3f, -0.3f, 3.7f, -0.3f, -0.3f, -0.3f, -0.3f });

    public static IReadOnlyList<AugmentationCase> All { get; } =
    [
        new("horizontal_flip", () => new HorizontalFlip(), m => BareOpenCv.Flip(m, FlipMode.Y), m => BareOpenCv.Flip(m, FlipMode.Y)),
        new("vertical_flip", () => new VerticalFlip(), m => BareOpenCv.Flip(m, FlipMode.X), m => BareOpenCv.Flip(m, FlipMode.X)),
        new("rotate", () => new Rotate(new(-30, 30)), m => BareOpenCv.Affine(m, 15, 1, Linear), m => BareOpenCv.Affine(m, 15, 1, Nearest)),
        new("affine", () => new Affine { Scale = new(0.8, 1.2), Translate = new(-0.1, 0.1), Angle = new(-15, 15), Shear = new(-5, 5) },
            m => BareOpenCv.Affine(m, 10, 1.1, Linear), m => BareOpenCv.Affine(m, 10, 1.1, Nearest)),
        new("perspective", () => new Perspective(new(0.05, 0.1)), m => BareOpenCv.Perspective(m, Linear), m => BareOpenCv.Perspective(m, Nearest)),
        new("random_resized_crop", () => new RandomResizedCrop(512, 512) { Scale = new(0.3, 0.6) },
            m => BareOpenCv.CropResize(m, new Rect(100, 80, 300, 320), new Size(512, 512), Linear),
            m => BareOpenCv.CropResize(m, new Rect(100, 80, 300, 320), new Size(512, 512), Nearest)),
        new("random_crop", () => new RandomCrop(384, 384), m => BareOpenCv.CropAnywhere(m, 384), m => BareOpenCv.CropAnywhere(m, 384)),
        new("pad", () => new Pad(640, 640), m => BareOpenCv.Pad(m, 640), m => BareOpenCv.Pad(m, 640)),
        new("letterbox", () => new Letterbox(640, 384), m => BareOpenCv.Letterbox(m, 384, Linear), m => BareOpenCv.Letterbox(m, 384, Nearest)),
        new("resize", () => new Resize(320, 320), m => BareOpenCv.Resize(m, new Size(320, 320), Linear), m => BareOpenCv.Resize(m, new Size(320, 320), Nearest)),
        new("random_scale", () => new RandomScale(new(0.75, 1.25)), m => BareOpenCv.Resize(m, new Size(563, 563), Linear), m => BareOpenCv.Resize(m, new Size(563, 563), Nearest)),
        new("mosaic", () => new Mosaic(512, 512) { Center = new(0.5, 0.5) }, m => BareOpenCv.Mosaic(m, 512), m => BareOpenCv.MosaicInstanceMasks(m, 512)),
        new("grid_distortion", () => new GridDistortion(5, new(-0.3, 0.3)),
            m => BareOpenCv.Grid(m, GridColumns, GridRows, Linear), m => BareOpenCv.Grid(m, GridColumns, GridRows, Nearest)),
        new("elastic", () => new ElasticDistortion(120, 6),
            m => BareOpenCv.Elastic(m, 120, 6, Linear), m => BareOpenCv.Elastic(m, 120, 6, Nearest)),

        new("brightness_contrast", () => new BrightnessContrast(new(-0.2, 0.2), new(-0.2, 0.2)), BareOpenCv.Linear, null),
        new("hue_saturation_value", () => new HueSaturationValue(new(5, 20), new(5, 30), new(5, 20)), m => BareOpenCv.Hsv(m, HsvTable), null),
        new("gamma", () => new Gamma(new(0.8, 1.2)), m => BareOpenCv.Lut(m, GammaTable), null),
        new("clahe", () => new Clahe(new(1, 4)), m => BareOpenCv.OnLightness(m, ColorConversionCodes.BGR2Lab, ColorConversionCodes.Lab2BGR, (a, b) =>
        {
            using var clahe = Cv2.CreateCLAHE(2, new Size(8, 8));
            clahe.Apply(a, b);
        }), null),
        new("equalize", () => new Equalize(), m => BareOpenCv.OnLightness(m, ColorConversionCodes.BGR2YCrCb, ColorConversionCodes.YCrCb2BGR, (a, b) => Cv2.EqualizeHist(a, b)), null),
        new("gaussian_blur", () => new GaussianBlur(5, 5), m => BareOpenCv.GaussianBlur(m, 5), null),
        new("median_blur", () => new MedianBlur(5, 5), m => BareOpenCv.MedianBlur(m, 5), null),
        new("motion_blur", () => new MotionBlur(7, 7), m => BareOpenCv.Filter(m, MotionKernel), null),
        new("gaussian_noise", () => new GaussianNoise(new(5, 15)), m => BareOpenCv.Noise(m, 10), null),
        new("jpeg", () => new JpegCompression(75, 75), m => BareOpenCv.Jpeg(m, 75), null),
        new("sharpen", () => new Sharpen(new(0.3, 0.3), new(1, 1)), m => BareOpenCv.Filter(m, SharpenKernel), null),
        new("grayscale", () => new ToGray(), BareOpenCv.Gray, null),
        new("channel_shuffle", () => new ChannelShuffle(), BareOpenCv.Shuffle, null),
        new("coarse_dropout", () => new CoarseDropout(4, 4, 0.1), BareOpenCv.Dropout, null),
    ];

    private static Mat HueTable()
    {
        var table = new byte[256 * 3];
        for (int i = 0; i < 256; i++)
        {
            table[i * 3] = (byte)(i < 180 ? (i + 10) % 180 : i);
            table[i * 3 + 1] = (byte)Math.Min(255, i + 20);
            table[i * 3 + 2] = (byte)Math.Min(255, i + 10);
        }
        return Mat.FromPixelData(1, 256, MatType.CV_8UC3, table).Clone();
    }

    private static Mat Motion(int k)
    {
        var kernel = new Mat(k, k, MatType.CV_32FC1, Scalar.All(0));
        Cv2.Line(kernel, new Point(0, k / 2), new Point(k - 1, k / 2), Scalar.All(1.0 / k));
        return kernel;
    }
}
