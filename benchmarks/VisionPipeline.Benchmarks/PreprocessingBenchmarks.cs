using BenchmarkDotNet.Attributes;
using OpenCvSharp;
using OpenCvSharp.Dnn;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Imaging.Preprocessing;

namespace VisionPipeline.Benchmarks;

/// <summary>
/// Image → network input tensor: our resize (stretch or letterbox) plus the per-channel pack written straight into
/// the tensor, next to OpenCV's dnn.blobFromImage producing a tensor of the same size from the same image.
/// </summary>
[MemoryDiagnoser]
public class PreprocessingBenchmarks
{
    private Mat _vga = new();
    private Mat _hd = new();
    private readonly float[] _tensor640 = new float[3 * 640 * 640];
    private readonly float[] _tensor224 = new float[3 * 224 * 224];
    private static readonly TensorSpec Yolo = new() { Name = "images", Colors = ColorOrder.Rgb, Scale = 1 / 255f, Resize = ResizeMode.Letterbox, PadValue = 114 };
    private static readonly TensorSpec ImageNet = new() { Name = "x", Colors = ColorOrder.Rgb, Scale = 1 / 255f, Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f] };

    [GlobalSetup]
    public void Setup()
    {
        _vga = new Mat(480, 640, MatType.CV_8UC3);
        _hd = new Mat(1080, 1920, MatType.CV_8UC3);
        Cv2.Randu(_vga, Scalar.All(0), Scalar.All(256));
        Cv2.Randu(_hd, Scalar.All(0), Scalar.All(256));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _vga.Dispose();
        _hd.Dispose();
    }

    [Benchmark(Baseline = true, Description = "blobFromImage 640×480 → 640×640 (stretch)")]
    public void BlobVga()
    {
        using var blob = CvDnn.BlobFromImage(_vga, 1 / 255.0, new Size(640, 640), new Scalar(0, 0, 0), swapRB: true, crop: false);
    }

    [Benchmark(Description = "ours 640×480 → 640×640 letterbox + pack")]
    public void OursVga()
    {
        using var prepared = ImageResizer.Letterbox(_vga, 640, 640, 114);
        TensorPacker.PackNchw(prepared.Image, Yolo, _tensor640);
    }

    [Benchmark(Description = "blobFromImage 1920×1080 → 224×224 (stretch, mean/std)")]
    public void BlobHd()
    {
        using var blob = CvDnn.BlobFromImage(_hd, 1 / 255.0, new Size(224, 224), new Scalar(123.675, 116.28, 103.53), swapRB: true, crop: false);
    }

    [Benchmark(Description = "ours 1920×1080 → 224×224 stretch + mean/std pack")]
    public void OursHd()
    {
        using var prepared = ImageResizer.Stretch(_hd, 224, 224);
        TensorPacker.PackNchw(prepared.Image, ImageNet, _tensor224);
    }
}
