using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Inference.Engines;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Inference.Tests;

/// <summary>
/// The two-file OpenCV DNN formats, on tiny generated networks (no real Caffe or Darknet model ships in a reachable
/// package): a 2×2 max-pool whose output is known from its input.
/// </summary>
public class OpenCvFormatTests
{
    private static float[] Pool(OutputTensor output) => output.Data.ToArray();

    private static TensorBuffer Ramp()
    {
        var input = new TensorBuffer("data", 1, 1, 4, 4);
        for (int i = 0; i < 16; i++) input.Span[i] = i;
        return input;
    }

    [Fact]
    public void A_Caffe_model_loads_with_its_prototxt_beside_it()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("pool.prototxt"), """
            name: "pool"
            input: "data"
            input_dim: 1
            input_dim: 1
            input_dim: 4
            input_dim: 4
            layer { name: "pool" type: "Pooling" bottom: "data" top: "pool" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }
            """);
        // A NetParameter holding only its name (field 1): the network has no weights.
        File.WriteAllBytes(temp.File("pool.caffemodel"), [0x0A, 0x04, (byte)'p', (byte)'o', (byte)'o', (byte)'l']);

        using var engine = EngineFactory.Create(temp.File("pool.caffemodel"), new EngineOptions());
        Assert.Equal("opencv-dnn", engine.EngineName);
        using var input = Ramp();
        using var outputs = engine.Run([input]);
        Assert.Equal([1, 1, 2, 2], outputs[0].Shape);
        Assert.Equal([5f, 7f, 13f, 15f], Pool(outputs[0]));
    }

    [Fact]
    public void A_Darknet_model_loads_with_its_cfg_beside_it()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("pool.cfg"), "[net]\nwidth=4\nheight=4\nchannels=1\n\n[maxpool]\nsize=2\nstride=2\n");
        // Header of a Darknet weights file: major 0, minor 2, revision 0, images seen (int64); no weights follow.
        File.WriteAllBytes(temp.File("pool.weights"), [.. BitConverter.GetBytes(0), .. BitConverter.GetBytes(2), .. BitConverter.GetBytes(0), .. BitConverter.GetBytes(0L)]);

        using var engine = EngineFactory.Create(temp.File("pool.weights"), new EngineOptions());
        using var input = Ramp();
        using var outputs = engine.Run([input]);
        Assert.Equal([5f, 7f, 13f, 15f], Pool(outputs[0]));
    }

    [Fact]
    public void A_two_file_model_without_its_description_names_the_missing_file()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("net.caffemodel"), [0x0A, 0x00]);
        var e = Assert.Throws<VisionException>(() => EngineFactory.Create(temp.File("net.caffemodel"), new EngineOptions()));
        Assert.Contains("net.prototxt", e.Message);
    }
}
