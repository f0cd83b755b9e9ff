using OpenCvSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Imaging.Preprocessing;
using VisionPipeline.Inference.Engines;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Inference.Tests;

public class EngineAgreementTests
{
    [Theory]
    [InlineData("ppocr-det", "imageTextN.png", 544, 256)]
    [InlineData("ppocr-cls", "imageTextN.png", 192, 48)]
    public void OnnxRuntime_and_OpenCV_DNN_agree_on_a_real_image(string id, string image, int width, int height)
    {
        var entry = Zoo.Store.Manifest.Get(id);
        var path = Zoo.Store.Resolve(entry);
        using var ort = EngineFactory.Create(path, new EngineOptions { Engine = EngineKind.OnnxRuntime });
        using var dnn = EngineFactory.Create(path, new EngineOptions { Engine = EngineKind.OpenCvDnn });
        Assert.Equal("onnxruntime", ort.EngineName);
        Assert.Equal("opencv-dnn", dnn.EngineName);

        using var picture = Cv2.ImRead(RepoPaths.Sample(image));
        using var prepared = ImageResizer.Stretch(picture, width, height);
        using var input = new TensorBuffer(entry.Input!.Name, 1, 3, height, width);
        TensorPacker.PackNchw(prepared.Image, entry.Input.ToTensorSpec(), input.Span);

        using var a = ort.Run([input]);
        using var b = dnn.Run([input]);
        var reference = a[0].Data;
        var other = b[0].Data;
        Assert.Equal(reference.Length, other.Length);
        float maxReference = 0, maxDiff = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            maxReference = Math.Max(maxReference, Math.Abs(reference[i]));
            maxDiff = Math.Max(maxDiff, Math.Abs(reference[i] - other[i]));
        }
        Assert.True(maxReference > 0, "the reference output is all zeros");
        Assert.True(maxDiff / maxReference < 1e-4,
            $"{id}: engines differ by {maxDiff} (relative {maxDiff / maxReference:E2}), limit 1e-4 relative");
    }

    [Fact]
    public void One_session_gives_identical_results_to_concurrent_callers()
    {
        using var engine = EngineFactory.Create(Zoo.Store.Resolve("ppocr-cls"), new EngineOptions { IntraOpThreads = 1 });
        float[] RunOnce(int seed)
        {
            using var input = new TensorBuffer("x", 1, 3, 48, 192);
            var random = new Random(seed);
            for (int i = 0; i < input.Length; i++) input.Span[i] = (float)random.NextDouble() * 2 - 1;
            using var outputs = engine.Run([input]);
            return outputs[0].Data.ToArray();
        }
        var expected = Enumerable.Range(0, 8).Select(RunOnce).ToArray();
        var concurrent = new float[8][];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => concurrent[i] = RunOnce(i));
        for (int i = 0; i < 8; i++) Assert.Equal(expected[i], concurrent[i]);
    }

    [Fact]
    public void Asking_for_CUDA_without_it_warns_once_and_runs_on_the_CPU()
    {
        var warnings = new List<string>();
        using var engine = EngineFactory.Create(Zoo.Store.Resolve("ppocr-cls"),
            new EngineOptions { Device = DeviceKind.Cuda, Warn = warnings.Add });
        if (engine.Device == "cuda") return; // a machine with a GPU build: nothing to fall back from
        Assert.Equal("cpu", engine.Device);
        var warning = Assert.Single(warnings);
        Assert.Contains("CUDA is not available", warning);
        Assert.Contains("running on the CPU", warning);
    }
}
