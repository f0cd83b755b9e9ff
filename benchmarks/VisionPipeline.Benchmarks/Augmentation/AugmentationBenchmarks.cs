using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using OpenCvSharp;
using VisionPipeline.Augmentation;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Benchmarks.Augmentation;

/// <summary>
/// Each transform on a 512×512 photo (sample-images/baboon.jpg): the bare OpenCV calls on the image (baseline) and
/// on image + mask, next to ours on the image alone and on the image with one instance mask, 10 boxes and
/// 10 keypoints. Ours draws fresh parameters per call and records them, as a training loop would. OpenCV runs on
/// one thread. Short in-process
/// runs: `dotnet run -c Release --project benchmarks/VisionPipeline.Benchmarks -- --filter '*AugmentationBenchmarks*'`.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class AugmentationBenchmarks
{
    private Mat _image = new();
    private Mat _mask = new();
    private SampleObject[] _objects = [];
    private Augmenter _augmenter = null!;
    private AugmentationCase _case = null!;
    private long _calls;

    /// <summary>Every case, or only those listed in VP_AUGMENT_CASES (comma-separated names).</summary>
    public static IEnumerable<string> Names
    {
        get
        {
            var only = Environment.GetEnvironmentVariable("VP_AUGMENT_CASES")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return AugmentationCases.All.Select(c => c.Name).Where(n => only is null || only.Length == 0 || only.Contains(n));
        }
    }

    [ParamsSource(nameof(Names))]
    public string Transform { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        // One OpenCV thread: on a shared machine, parallel warps make timings swing with other people's load.
        Cv2.SetNumThreads(1);
        _case = AugmentationCases.All.Single(c => c.Name == Transform);
        _augmenter = new Augmenter([_case.Ours()]);
        _image = Cv2.ImRead(Path.Combine(RepositoryRoot(), "sample-images", "baboon.jpg"));
        _mask = new Mat(_image.Size(), MatType.CV_8UC1, Scalar.All(0));
        Cv2.Ellipse(_mask, new RotatedRect(new Point2f(256, 256), new Size2f(200, 140), 30), Scalar.All(255), -1);
        _objects = Enumerable.Range(0, 10).Select(i =>
        {
            float x = 30 + 45 * i, y = 40 + 40 * i;
            return new SampleObject(new BoxF(x, y, x + 60, y + 50))
            {
                Category = i % 3,
                Keypoints = [new SampleKeypoint(x + 30, y + 25)],
                Mask = i == 0 ? _mask : null,
            };
        }).ToArray();
        // The mask's pixel bounds come with it, as the data-set readers give them (from the RLE, without a scan).
        var maskBounds = Cv2.BoundingRect(_mask);
        _objects[0] = _objects[0] with { Box = new BoxF(maskBounds.Left, maskBounds.Top, maskBounds.Right, maskBounds.Bottom), MaskBounds = maskBounds };
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "sample-images"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _image.Dispose();
        _mask.Dispose();
    }

    [Benchmark(Baseline = true, Description = "OpenCV image")]
    public void BareImage()
    {
        using var o = _case.BareImage(_image);
    }

    [Benchmark(Description = "ours image")]
    public void OursImage()
    {
        using var sample = Sample.Borrowing(_image);
        _augmenter.Augment(sample, 1, _calls++, 0);
    }

    [Benchmark(Description = "OpenCV image+mask")]
    public void BareImageAndMask()
    {
        using var o = _case.BareImage(_image);
        if (_case.BareMask is not null)
        {
            using var m = _case.BareMask(_mask);
        }
    }

    [Benchmark(Description = "ours mask+10 boxes+10 kp")]
    public void OursWithTargets()
    {
        using var sample = Sample.Borrowing(_image, _objects);
        _augmenter.Augment(sample, 1, _calls++, 0);
    }
}

/// <summary>
/// One short in-process job: 112 benchmarks in a few minutes. VP_AUGMENT_ITERATIONS raises the 5 measured
/// iterations for steadier numbers.
/// </summary>
public sealed class ShortInProcessConfig : ManualConfig
{
    private static int IterationCount =>
        int.TryParse(Environment.GetEnvironmentVariable("VP_AUGMENT_ITERATIONS"), out int n) && n > 0 ? n : 5;

    public ShortInProcessConfig() => AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(IterationCount)
        .WithInvocationCount(96).WithUnrollFactor(16)
        .WithId("short-inprocess"));
}
