using VisionPipeline.Augmentation.Transforms;
using VisionPipeline.Augmentation.Transforms.Geometric;
using VisionPipeline.Augmentation.Transforms.Photometric;

namespace VisionPipeline.Augmentation.Recipes;

/// <summary>A transform a recipe can name: what it does and how its parameters are read.</summary>
public sealed record TransformEntry(string Name, string Description, Func<RecipeParams, Transform> Create);

/// <summary>
/// Every transform a recipe can name, with its parameters and defaults (close to Albumentations'). Ranges are
/// [low, high]; for angles, shifts and limits one number x means [−x, x].
/// </summary>
public static class TransformCatalog
{
    private const int MaxSide = 16384;

    public static IReadOnlyList<TransformEntry> Entries { get; } =
    [
        new("horizontal_flip", "mirror left-right", _ => new HorizontalFlip()),
        new("vertical_flip", "mirror top-bottom", _ => new VerticalFlip()),
        new("rotate", "rotate about the centre by an angle in degrees (counter-clockwise); same size", p =>
            new Rotate(p.Range("angle", ValueRange.Symmetric(30), -360, 360, symmetric: true), p.Style())),
        new("affine", "scale, translate (fraction of the size), rotate and shear (degrees) about the centre", p => new Affine
        {
            Scale = p.Range("scale", ValueRange.Fixed(1), 0.01, 100),
            Translate = p.Range("translate", ValueRange.Fixed(0), -1, 1, symmetric: true),
            Angle = p.Range("angle", ValueRange.Fixed(0), -360, 360, symmetric: true),
            Shear = p.Range("shear", ValueRange.Fixed(0), -60, 60, symmetric: true),
            Style = p.Style(),
        }),
        new("perspective", "move each corner inwards by a fraction of the size and stretch back: a camera tilt", p =>
            new Perspective(p.Range("scale", new ValueRange(0.05, 0.1), 0, 0.45), p.Style())),
        new("random_resized_crop", "crop a random area fraction and aspect ratio, resize to width×height", p =>
            new RandomResizedCrop(p.Integer("width", 512, 1, MaxSide), p.Integer("height", 512, 1, MaxSide))
            {
                Scale = p.Range("scale", new ValueRange(0.08, 1), 0.0001, 1),
                Ratio = p.Range("ratio", new ValueRange(3.0 / 4, 4.0 / 3), 0.01, 100),
                Style = new(p.Interpolation()),
            }),
        new("random_crop", "cut a width×height window; keep_boxes places it around every box when it can", p =>
            new RandomCrop(p.Integer("width", 512, 1, MaxSide), p.Integer("height", 512, 1, MaxSide))
            {
                KeepBoxes = p.Flag("keep_boxes", false),
                Fill = (byte)p.Integer("fill", 0, 0, 255),
            }),
        new("pad", "pad to at least min_width×min_height", p =>
            new Pad(p.Integer("min_width", 512, 1, MaxSide), p.Integer("min_height", 512, 1, MaxSide))
            {
                Position = p.Choice("position", PadPosition.Center, new Dictionary<string, PadPosition>
                {
                    ["center"] = PadPosition.Center, ["top-left"] = PadPosition.TopLeft, ["random"] = PadPosition.Random,
                }),
                Style = p.Style(),
            }),
        new("letterbox", "fit inside width×height keeping the aspect ratio, pad the rest", p =>
            new Letterbox(p.Integer("width", 640, 1, MaxSide), p.Integer("height", 640, 1, MaxSide))
            {
                Fill = (byte)p.Integer("fill", 114, 0, 255),
                Centered = p.Choice("anchor", true, new Dictionary<string, bool> { ["center"] = true, ["top-left"] = false }),
                Interpolation = p.Interpolation(),
            }),
        new("resize", "stretch to width×height", p =>
            new Resize(p.Integer("width", 512, 1, MaxSide), p.Integer("height", 512, 1, MaxSide)) { Interpolation = p.Interpolation() }),
        new("random_scale", "resize by a factor (the size changes)", p =>
            new RandomScale(p.Range("factor", new ValueRange(0.9, 1.1), 0.01, 16)) { Interpolation = p.Interpolation() }),
        new("mosaic", "four images meeting at a random centre on a width×height canvas (YOLO)", p =>
            new Mosaic(p.Integer("width", 640, 2, MaxSide), p.Integer("height", 640, 2, MaxSide))
            {
                Center = p.Range("center", new ValueRange(0.25, 0.75), 0.01, 0.99),
                Style = p.Style(fill: 114),
            }),
        new("grid_distortion", "stretch the cells of a steps×steps grid by 1 ± limit", p =>
            new GridDistortion(p.Integer("steps", 5, 1, 100), p.Range("limit", ValueRange.Symmetric(0.3), -0.9, 0.9, symmetric: true), p.Style())),
        new("elastic", "smooth random displacement: noise blurred by sigma px, times alpha", p =>
            new ElasticDistortion(p.Number("alpha", 120, 0, 10000), p.Number("sigma", 6, 0.5, 100), p.Style())),

        new("brightness_contrast", "add brightness·255 and multiply by 1 + contrast", p =>
            new BrightnessContrast(p.Range("brightness", ValueRange.Symmetric(0.2), -1, 1, symmetric: true),
                p.Range("contrast", ValueRange.Symmetric(0.2), -1, 10, symmetric: true))),
        new("hue_saturation_value", "shift hue (0-179 wraps), saturation and value (0-255)", p =>
            new HueSaturationValue(p.Range("hue", ValueRange.Symmetric(20), -180, 180, symmetric: true),
                p.Range("saturation", ValueRange.Symmetric(30), -255, 255, symmetric: true),
                p.Range("value", ValueRange.Symmetric(20), -255, 255, symmetric: true))),
        new("gamma", "255·(v/255)^gamma", p => new Gamma(p.Range("gamma", new ValueRange(0.8, 1.2), 0.01, 10))),
        new("clahe", "contrast-limited adaptive histogram equalisation of lightness", p =>
            new Clahe(p.Range("clip_limit", new ValueRange(1, 4), 0.01, 40), p.Integer("tiles", 8, 1, 64))),
        new("equalize", "histogram equalisation of luma", _ => new Equalize()),
        new("gaussian_blur", "Gaussian blur, odd kernel in [low, high]", p => KernelRange(p, (a, b) => new GaussianBlur(a, b))),
        new("median_blur", "median blur, odd kernel in [low, high]", p => KernelRange(p, (a, b) => new MedianBlur(a, b))),
        new("motion_blur", "blur along a line at a random angle, odd kernel in [low, high]", p => KernelRange(p, (a, b) => new MotionBlur(a, b))),
        new("gaussian_noise", "add Gaussian noise, standard deviation in grey levels", p =>
            new GaussianNoise(p.Range("std", new ValueRange(3, 15), 0, 255))),
        new("iso_noise", "camera sensor noise: hue shift (fraction of the circle) and lightness noise", p =>
            new IsoNoise(p.Range("color_shift", new ValueRange(0.01, 0.05), 0, 1), p.Range("intensity", new ValueRange(0.1, 0.5), 0, 10))),
        new("jpeg", "JPEG compression at a quality in [low, high]", p =>
        {
            var q = p.Range("quality", new ValueRange(50, 95), 1, 100);
            return new JpegCompression((int)q.Low, (int)q.High);
        }),
        new("sharpen", "blend with a sharpening kernel by alpha", p =>
            new Sharpen(p.Range("alpha", new ValueRange(0.2, 0.5), 0, 1), p.Range("lightness", new ValueRange(0.5, 1), 0, 10))),
        new("grayscale", "grey, kept in three channels", _ => new ToGray()),
        new("channel_shuffle", "permute the colour channels", _ => new ChannelShuffle()),
        new("coarse_dropout", "fill [low, high] rectangles, each side up to max_size of the image's", p =>
        {
            var holes = p.Range("holes", new ValueRange(1, 8), 0, 1000);
            return new CoarseDropout((int)holes.Low, (int)holes.High, p.Number("max_size", 0.1, 0.001, 1)) { Fill = (byte)p.Integer("fill", 0, 0, 255) };
        }),
    ];

    private static readonly Dictionary<string, TransformEntry> ByName = Entries.ToDictionary(e => e.Name);

    public static IEnumerable<string> Names => ByName.Keys;

    public static TransformEntry? Find(string name) => ByName.GetValueOrDefault(name);

    private static Transform KernelRange(RecipeParams p, Func<int, int, Transform> create)
    {
        var kernel = p.Range("kernel", new ValueRange(3, 7), 1, 255);
        return create((int)kernel.Low, (int)kernel.High);
    }
}
