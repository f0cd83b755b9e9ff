using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Augmentation.Tests.Support;

/// <summary>
/// A generated fixture: a noisy image with one rectangular object given as a box and keypoints (no mask), plus the
/// same rectangle painted into the label map. A geometric transform must move the box exactly where it moves the
/// painted rectangle.
/// </summary>
public sealed record RectangleCase(int Width, int Height, int X, int Y, int W, int H, int Seed)
{
    public Sample Build()
    {
        var image = new Mat(Height, Width, MatType.CV_8UC3);
        new RNG((ulong)Seed + 1).Fill(image, DistributionType.Uniform, InputArray.Create(0.0), InputArray.Create(256.0));
        var labels = new Mat(Height, Width, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Rectangle(labels, new Rect(X, Y, W, H), Scalar.All(1), -1);
        var box = new BoxF(X, Y, X + W, Y + H);
        SampleKeypoint[] keypoints =
        [
            new(X + 0.5f * W, Y + 0.5f * H),
            new(X + 0.3f * W, Y + 0.3f * H),
            new(X + 0.7f * W, Y + 0.35f * H),
            new(X + 0.35f * W, Y + 0.7f * H),
        ];
        return new Sample(image, [new SampleObject(box) { Keypoints = keypoints, Category = 3 }], labels);
    }

    public override string ToString() => $"{Width}×{Height} image, rectangle ({X}, {Y}) {W}×{H}, seed {Seed}";
}
