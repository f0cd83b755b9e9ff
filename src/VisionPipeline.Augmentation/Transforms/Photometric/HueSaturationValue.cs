using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms.Photometric;

/// <summary>Shifts in OpenCV's 8-bit HSV units (hue 0–179 wraps around, saturation and value 0–255 saturate).</summary>
public sealed record HsvParams(int Hue, int Saturation, int Value) : TransformParams;

/// <summary>Shift hue, saturation and value: BGR → HSV, one three-channel table lookup, HSV → BGR.</summary>
public sealed class HueSaturationValue(ValueRange hue, ValueRange saturation, ValueRange value) : PhotometricTransform<HsvParams>
{
    public ValueRange Hue { get; } = hue;
    public ValueRange Saturation { get; } = saturation;
    public ValueRange Value { get; } = value;

    public override string Name => "hue_saturation_value";

    protected override HsvParams Sample(Sample sample, AugmentContext context) => new(
        (int)Math.Round(context.Uniform(Hue)), (int)Math.Round(context.Uniform(Saturation)), (int)Math.Round(context.Uniform(Value)));

    public override Mat ApplyToImage(Mat image, HsvParams p)
    {
        // The HSV round trip itself is lossy; no shift must leave the pixels alone.
        if (p is { Hue: 0, Saturation: 0, Value: 0 }) return image.Clone();
        if (image.Channels() != 3) return LookupTables.Apply(image, v => v + p.Value);
        using var hsv = new Mat();
        Cv2.CvtColor(image, hsv, ColorConversionCodes.BGR2HSV);
        using var table = LookupTables.PerChannel(
        [
            h => h < 180 ? ((h + p.Hue) % 180 + 180) % 180 : h,
            s => s + p.Saturation,
            v => v + p.Value,
        ]);
        Cv2.LUT(hsv, table, hsv);
        var output = new Mat();
        Cv2.CvtColor(hsv, output, ColorConversionCodes.HSV2BGR);
        return output;
    }
}
