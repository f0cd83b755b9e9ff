using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Models.Backbones;
using VisionPipeline.Training.Native;
using VisionPipeline.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Models;

public sealed class ResNet18WeightsTests(ITestOutputHelper output)
{
    /// <summary>The zoo's preprocessing input: cover-resize + centre-crop 224, planar RGB 0–255.</summary>
    private static readonly TensorSpec ZooInput = new()
    {
        Name = "OriginalInput", Width = 224, Height = 224, Resize = ResizeMode.CenterCrop, Colors = ColorOrder.Rgb,
    };

    [Theory]
    [InlineData("messi5.jpg")]
    [InlineData("orange.jpg")]
    public void The_loaded_backbone_computes_the_zoo_models_features(string image)
    {
        LibTorch.EnsureLoaded();
        var pixels = SampleImages.Pack(image, ZooInput);
        long[] shape = [1, 3, 224, 224];
        var input247 = Ort.Run(ZooFiles.ResNetPreprocess, "OriginalInput", pixels, shape)["PreprocessedInput"].Values;
        var zoo = Ort.Run(ZooFiles.ResNet18, "Input247", input247, shape)["Pooling395_Output_0"];

        using var network = new ResNet18();
        ResNet18Weights.Load(network, ZooFiles.ResNet18);
        network.eval();
        using var noGrad = no_grad();
        using var x = tensor(input247, shape);
        using var features = network.forward(x);
        using var pooled = features.reshape(1, 512, 1, 1);

        var diff = Ort.AssertClose(pooled, zoo, 1e-4, $"ResNet18 features of {image}");
        output.WriteLine($"{image}: max |TorchSharp − ONNX Runtime| = {diff:G3} (features up to {zoo.Values.Max():F2})");
        Assert.True(zoo.Values.Max() > 1, "the zoo model's features are suspiciously small: is the input right?");
    }

    [Fact]
    public void A_file_that_is_not_the_zoo_resnet18_is_refused_with_its_name()
    {
        LibTorch.EnsureLoaded();
        var path = Path.Combine(Path.GetTempPath(), $"not-resnet-{Guid.NewGuid():N}.onnx");
        try
        {
            File.Copy(ZooFiles.ResNetPreprocess, path);
            using var network = new ResNet18();
            var error = Assert.Throws<InvalidDataException>(() => ResNet18Weights.Load(network, path));
            Assert.Contains(path, error.Message);
            Assert.Contains("convolutions", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
