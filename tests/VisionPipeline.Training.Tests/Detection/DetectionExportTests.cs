using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using OpenCvSharp;
using TorchSharp;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Definition.Decoding;
using VisionPipeline.Graph.Nodes.Heads;
using VisionPipeline.Imaging.Preprocessing;
using VisionPipeline.Inference.Onnx;
using VisionPipeline.TestSupport;
using VisionPipeline.Training.Models.Detection;
using VisionPipeline.Training.Native;
using VisionPipeline.Training.Tasks;
using VisionPipeline.Training.Tasks.Detection;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Detection;

public sealed class DetectionExportTests
{
    private const int Size = 160;

    [Fact]
    public void The_export_equals_TorchSharp_on_a_letterboxed_image_and_the_yolo_decoder_takes_it_as_it_is()
    {
        LibTorch.EnsureLoaded();
        manual_seed(4);
        string[] classes = ["rectangle", "it's round"];
        var task = new DetectTask(new TaskOptions { Classes = classes, ImageSize = Size }, () => new TinyBackbone());
        var members = new[] { Trained(task), Trained(task) };

        using var image = Cv2.ImRead(RepoPaths.Sample("messi5.jpg"));
        using var prepared = ImageResizer.Prepare(image, Size, Size, task.InputSpec.Resize, task.InputSpec.PadValue);
        var pixels = new float[3 * Size * Size];
        TensorPacker.Pack(prepared.Image, task.InputSpec, pixels);
        var anchors = new AnchorPoints(Size, Size, DetectionNetwork.LevelStrides);

        using var dir = new TempDirectory();
        using var scope = NewDisposeScope();
        using var input = tensor(pixels, [1, 3, Size, Size]);
        Tensor[] decoded;
        using (no_grad()) decoded = members.Select(m => DetectionNetwork.Decode(m.forward(input), anchors)).ToArray();

        foreach (var (file, count) in new[] { ("one.onnx", 1), ("two.onnx", 2) })
        {
            var path = dir.File(file);
            task.Export(members.Take(count).ToList(), path, new Dictionary<string, string> { ["author"] = "tests" });
            var expected = (count == 1 ? decoded[0] : (decoded[0] + decoded[1]) / 2).data<float>().ToArray();
            var actual = RunOnnx(path, pixels);
            Assert.Equal(expected.Length, actual.Length);
            var diff = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
            Assert.True(diff <= 1e-4, $"{file}: largest difference {diff}");

            var info = OnnxModelInfo.Read(path);
            Assert.Equal(new long[] { 1, 4 + classes.Length, anchors.Count }, info.Outputs[0].Shape);
            var choice = DecoderChooser.Choose(info, out var why);
            Assert.True(choice is not null, why);
            Assert.Same(DecoderKinds.Yolo, choice.Decoder);
            Assert.Equal(YoloLayout.Yolov8, choice.Layout);
            Assert.Equal(classes, info.Names);
            Assert.Equal((Size, Size), info.ImageSize);
            Assert.Equal("32", info.Metadata["stride"]);
            Assert.Equal("tests", info.Metadata["author"]);
        }
    }

    /// <summary>A network whose batch-norm statistics have moved off their initial values.</summary>
    private static nn.Module<Tensor, Tensor> Trained(DetectTask task)
    {
        var network = task.CreateNetwork();
        network.train();
        using (no_grad())
            for (int i = 0; i < 3; i++)
            {
                using var x = rand(2, 3, Size, Size) * 2;
                using var _ = network.forward(x);
            }
        network.eval();
        return network;
    }

    private static float[] RunOnnx(string path, float[] pixels)
    {
        using var session = new InferenceSession(path);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("images", new DenseTensor(pixels, [1, 3, Size, Size]))]);
        return results.Single(r => r.Name == "output0").AsEnumerable<float>().ToArray();
    }
}
