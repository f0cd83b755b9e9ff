using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Imaging.Preprocessing;
using VisionPipeline.Inference.Engines;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Graph.Tests.Decoders;

/// <summary>Runs a generated model on a batch of letterboxed images, the way a pipeline node feeds it.</summary>
public sealed class DecoderHarness : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly List<PreparedImage> _prepared = [];

    public DecoderHarness(byte[] model, int size)
    {
        Size = size;
        File.WriteAllBytes(_temp.File("model.onnx"), model);
        Engine = new OnnxRuntimeEngine(_temp.File("model.onnx"), new EngineOptions { IntraOpThreads = 1 });
    }

    public int Size { get; }
    public OnnxRuntimeEngine Engine { get; }
    public static TensorSpec Spec(string name = "images") => new() { Name = name, Colors = ColorOrder.Rgb, Scale = 1 / 255f, Resize = ResizeMode.Letterbox, PadValue = 114 };

    /// <summary>A uniform image of the given size and colour (BGR), or one made by <paramref name="paint"/>.</summary>
    public static Mat Image(int width, int height, Scalar color, Action<Mat>? paint = null)
    {
        var m = new Mat(height, width, MatType.CV_8UC3, color);
        paint?.Invoke(m);
        return m;
    }

    /// <summary>Letterboxes each image into one batch tensor; returns it with each item's map and mean red value.</summary>
    public (TensorBuffer Tensor, PreparedImage[] Items, float[] RedMeans) Batch(IReadOnlyList<Mat> images, ResizeMode mode = ResizeMode.Letterbox)
    {
        var spec = Spec() with { Resize = mode };
        var tensor = new TensorBuffer("images", images.Count, 3, Size, Size);
        int item = 3 * Size * Size, plane = Size * Size;
        var items = new PreparedImage[images.Count];
        var means = new float[images.Count];
        for (int i = 0; i < images.Count; i++)
        {
            items[i] = ImageResizer.Prepare(images[i], Size, Size, mode, 114);
            _prepared.Add(items[i]);
            TensorPacker.PackNchw(items[i].Image, spec, tensor.Span.Slice(i * item, item));
            means[i] = System.Numerics.Tensors.TensorPrimitives.Sum(tensor.Span.Slice(i * item, plane)) / plane;
        }
        return (tensor, items, means);
    }

    /// <summary>
    /// The letterbox inverse computed independently of the code under test: scale = min(S/w, S/h), content
    /// rounded to whole pixels and centred (odd pixel right/bottom).
    /// </summary>
    public static BoxF ExpectedInOriginal(BoxF tensorBox, int width, int height, int size)
    {
        double scale = Math.Min((double)size / width, (double)size / height);
        int newW = (int)Math.Round(width * scale), newH = (int)Math.Round(height * scale);
        int padX = (size - newW) / 2, padY = (size - newH) / 2;
        return new BoxF((float)((tensorBox.X1 - padX) * width / newW), (float)((tensorBox.Y1 - padY) * height / newH),
            (float)((tensorBox.X2 - padX) * width / newW), (float)((tensorBox.Y2 - padY) * height / newH));
    }

    public static void AssertBox(BoxF expected, BoxF actual, string what, double tolerance = 0.5)
    {
        Assert.True(Math.Abs(expected.X1 - actual.X1) <= tolerance && Math.Abs(expected.Y1 - actual.Y1) <= tolerance &&
                    Math.Abs(expected.X2 - actual.X2) <= tolerance && Math.Abs(expected.Y2 - actual.Y2) <= tolerance,
            $"{what}: expected ({expected.X1:0.00},{expected.Y1:0.00})-({expected.X2:0.00},{expected.Y2:0.00}), " +
            $"got ({actual.X1:0.00},{actual.Y1:0.00})-({actual.X2:0.00},{actual.Y2:0.00})");
    }

    public void Dispose()
    {
        foreach (var p in _prepared) p.Dispose();
        Engine.Dispose();
        _temp.Dispose();
    }
}
