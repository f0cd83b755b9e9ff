using OpenCvSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Imaging.Preprocessing;
using VisionPipeline.Training.Tasks;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Detection;

/// <summary>
/// Seeded detection images: filled rectangles (class 0) and circles (class 1), each class in its own colour with
/// some jitter, 1–3 per image without overlap, on noisy grey backgrounds; boxes exact in pixels.
/// </summary>
internal static class SyntheticShapes
{
    public static readonly string[] Classes = ["rectangle", "circle"];

    private static readonly Scalar[] Colours = [new(40, 60, 220), new(60, 200, 60)]; // BGR: red-ish, green-ish

    public static List<(Mat Image, DetectionTarget[] Boxes)> Generate(int count, int size, int seed)
    {
        var random = new Random(seed);
        var result = new List<(Mat, DetectionTarget[])>();
        for (int n = 0; n < count; n++)
        {
            var image = new Mat(size, size, MatType.CV_8UC3);
            Cv2.Randn(image, Scalar.All(random.Next(70, 180)), Scalar.All(25));
            var boxes = new List<DetectionTarget>();
            int wanted = random.Next(1, 4);
            for (int attempt = 0; attempt < 50 && boxes.Count < wanted; attempt++)
            {
                int cls = random.Next(Classes.Length);
                int extent = random.Next(size / 8, size * 3 / 8);
                int x = random.Next(0, size - extent), y = random.Next(0, size - extent);
                var box = new DetectionTarget(x, y, x + extent, y + extent, cls);
                if (boxes.Any(b => b.X1 < box.X2 + 2 && box.X1 < b.X2 + 2 && b.Y1 < box.Y2 + 2 && box.Y1 < b.Y2 + 2)) continue;
                var c = Colours[cls];
                var colour = new Scalar(Jitter(random, c.Val0), Jitter(random, c.Val1), Jitter(random, c.Val2));
                if (cls == 0)
                {
                    int w = extent, h = Math.Max(size / 10, (int)(extent * (0.5 + random.NextDouble() * 0.5)));
                    box = box with { Y2 = y + h };
                    Cv2.Rectangle(image, new Rect(x, y, w, h), colour, -1);
                }
                else
                {
                    // A filled circle of radius r about c covers pixels c−r .. c+r: the box is [c−r, c+r+1).
                    int r = (extent - 1) / 2;
                    Cv2.Circle(image, new Point(x + r, y + r), r, colour, -1);
                    box = new DetectionTarget(x, y, x + 2 * r + 1, y + 2 * r + 1, cls);
                }
                boxes.Add(box);
            }
            result.Add((image, boxes.ToArray()));
        }
        return result;
    }

    /// <summary>A batch in the task's input space, packed as the pipeline packs it.</summary>
    public static Batch ToBatch(IReadOnlyList<(Mat Image, DetectionTarget[] Boxes)> items, TensorSpec spec)
    {
        int h = items[0].Image.Rows, w = items[0].Image.Cols, plane = 3 * h * w;
        var data = new float[items.Count * plane];
        for (int i = 0; i < items.Count; i++) TensorPacker.Pack(items[i].Image, spec, data.AsSpan(i * plane, plane));
        return new Batch { Images = tensor(data, [items.Count, 3, h, w]), Boxes = items.Select(i => i.Boxes).ToList() };
    }

    private static double Jitter(Random random, double value) => Math.Clamp(value + random.Next(-30, 31), 0, 255);
}
