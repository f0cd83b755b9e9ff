using TorchSharp;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Definition.Decoding;
using VisionPipeline.Graph.Nodes.Heads;
using VisionPipeline.Inference.Onnx;
using VisionPipeline.TestSupport;
using VisionPipeline.Training.Models.Detection;
using VisionPipeline.Training.Native;
using VisionPipeline.Training.Tasks;
using VisionPipeline.Training.Tasks.Detection;
using VisionPipeline.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Detection;

public sealed class DetectionExportTests(ITestOutputHelper output)
{
    private const int Size = 160;

    [Fact]
    public void The_export_of_the_pretrained_detector_equals_TorchSharp_on_a_letterboxed_image_and_the_yolo_decoder_takes_it_as_it_is()
    {
        LibTorch.EnsureLoaded();
        manual_seed(4);
        string[] classes = ["rectangle", "it's round"];
        var task = new DetectTask(new TaskOptions { Classes = classes, ImageSize = Size, PretrainedBackbone = ZooFiles.ResNet18 });
        var members = new[] { Settled(task), Settled(task) };

        // messi5.jpg is wider than tall: the letterbox pads top and bottom with grey 114.
        var pixels = SampleImages.Pack("messi5.jpg", task.InputSpec);
        var anchors = new AnchorPoints(Size, Size, DetectionNetwork.LevelStrides);
        using var dir = new TempDirectory();
        using var scope = NewDisposeScope();
        var input = tensor(pixels, [1, 3, Size, Size]);
        Tensor[] decoded;
        using (no_grad()) decoded = members.Select(m => DetectionNetwork.Decode(m.forward(input), anchors)).ToArray();
        Assert.False(decoded[0].allclose(decoded[1], atol: 1e-3), "the members should differ, or the test cannot tell a mean from one member");

        foreach (var (file, count) in new[] { ("one.onnx", 1), ("two.onnx", 2) })
        {
            var path = dir.File(file);
            task.Export(members.Take(count).ToList(), path, new Dictionary<string, string> { ["author"] = "tests" });
            var expected = count == 1 ? decoded[0] : (decoded[0] + decoded[1]) / 2;
            var actual = Ort.Run(path, "images", pixels, [1, 3, Size, Size])["output0"];
            var diff = Ort.AssertClose(expected, actual, 1e-4, file);
            output.WriteLine($"{file}: largest difference {diff:G3} over {actual.Values.Length} values (boxes up to {actual.Values.Max():F1} px)");

            var info = OnnxModelInfo.Read(path);
            var choice = DecoderChooser.Choose(info, out var why);
            Assert.True(choice is not null, why);
            Assert.Same(DecoderKinds.Yolo, choice.Decoder);
            Assert.Equal(YoloLayout.Yolov8, choice.Layout);
            Assert.Equal(YoloLayout.Yolov8, DecoderChooser.YoloLayoutOf(actual.Shape, info));
            Assert.Equal(classes, info.Names);
            Assert.Equal((Size, Size), info.ImageSize);
            Assert.Equal("detect", info.Task);
            Assert.Equal("32", info.Metadata["stride"]);
            Assert.Equal("tests", info.Metadata["author"]);
        }
    }

    /// <summary>A new network whose head's batch-norm statistics have moved off their initial values, in eval mode.</summary>
    private static nn.Module<Tensor, Tensor> Settled(DetectTask task)
    {
        var network = task.CreateNetwork();
        network.train();
        using (no_grad())
            for (int i = 0; i < 2; i++)
            {
                using var x = rand(2, 3, Size, Size);
                using var _ = network.forward(x);
            }
        network.eval();
        return network;
    }
}
