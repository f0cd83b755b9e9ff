using CsCheck;
using OpenCvSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Imaging.Preprocessing;

namespace VisionPipeline.Imaging.Tests;

/// <summary>Coordinates survive a round trip through every resize mode, for random image and target sizes.</summary>
public class ResizeRoundTripTests
{
    private static readonly Gen<ResizeMode> Modes = Gen.Int[0, 3].Select(i => (ResizeMode)i);

    [Fact]
    public void Points_map_to_the_tensor_and_back_to_where_they_were()
    {
        Gen.Select(Gen.Int[1, 2000], Gen.Int[1, 2000], Gen.Int[8, 700], Gen.Int[8, 700], Modes, Gen.Double[0, 1], Gen.Double[0, 1])
            .Sample((w, h, tw, th, mode, fx, fy) =>
            {
                using var image = new Mat(h, w, MatType.CV_8UC3);
                using var prepared = ImageResizer.Prepare(image, tw, th, mode);
                double x = fx * w, y = fy * h;
                var t = prepared.ToTensor.Apply(x, y);
                var back = prepared.ToOriginal.Apply(t.X, t.Y);
                return prepared.Image.Width == tw && prepared.Image.Height == th &&
                       Math.Abs(back.X - x) < 1e-6 * Math.Max(1, w) && Math.Abs(back.Y - y) < 1e-6 * Math.Max(1, h);
            }, iter: 300);
    }

    [Fact]
    public void The_image_lands_inside_the_tensor_where_the_map_says()
    {
        // Letterbox modes keep the whole image: its corners map onto the tensor; centre crop keeps the tensor covered.
        Gen.Select(Gen.Int[1, 1500], Gen.Int[1, 1500], Gen.Int[8, 640], Gen.Int[8, 640], Modes).Sample((w, h, tw, th, mode) =>
        {
            using var image = new Mat(h, w, MatType.CV_8UC3);
            using var prepared = ImageResizer.Prepare(image, tw, th, mode);
            var a = prepared.ToTensor.Apply(0, 0);
            var b = prepared.ToTensor.Apply(w, h);
            const double e = 1e-6;
            return mode == ResizeMode.CenterCrop
                ? a.X <= e && a.Y <= e && b.X >= tw - e && b.Y >= th - e
                : a.X >= -e && a.Y >= -e && b.X <= tw + e && b.Y <= th + e && (Math.Abs(b.X - a.X - tw) < 1 || Math.Abs(b.Y - a.Y - th) < 1);
        }, iter: 300);
    }
}
