using VisionPipeline.Core.Errors;
using VisionPipeline.Inference.Engines;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Inference.Tests;

public class EngineFactoryTests
{
    [Theory]
    [InlineData("model.xyz", "unknown model format")]
    [InlineData("model.tflite", "ONNX Runtime runs only .onnx")]
    public void Engine_choice_errors_name_the_file(string name, string expected)
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File(name), [1, 2, 3]);
        var options = new EngineOptions { Engine = name.EndsWith(".tflite") ? EngineKind.OnnxRuntime : EngineKind.Auto };
        var e = Assert.Throws<VisionException>(() => EngineFactory.Create(temp.File(name), options));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith(temp.File(name), e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused_in_one_line()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("fake.onnx"), "this is not a protobuf");
        var e = Assert.Throws<VisionException>(() => EngineFactory.Create(temp.File("fake.onnx"), new EngineOptions()));
        Assert.Contains("ONNX Runtime cannot load the model", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
