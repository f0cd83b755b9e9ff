using VisionPipeline.Core.Results;
using VisionPipeline.Inference.Onnx;
using VisionPipeline.Inference.Onnx.Proto;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests.Robustness;

/// <summary>A model whose outputs cannot be trusted.</summary>
public class ModelOutputTests
{
    [Fact]
    public void A_model_giving_NaN_or_infinite_values_fails_each_image_naming_the_model_and_the_output()
    {
        // Generated fixture: a three-class classifier whose logits get a bias of [NaN, +Inf, 2], as a model with broken
        // weights or an fp16 overflow would give.
        using var folder = new TempDirectory();
        var b = new OnnxModelBuilder("broken");
        var x = b.Input("images", 1, 3, 32, 32);
        var pooled = b.Reshape(b.GlobalAveragePool(x), [1, 3]);
        b.Gemm(pooled, b.Constant(new float[9], 3, 3), b.Constant([float.NaN, float.PositiveInfinity, 2f], 1, 3), output: "output0");
        b.Output("output0", TensorProto.Types.DataType.Float, 1, 3);
        b.Metadata("names", "{0: 'cat', 1: 'dog', 2: 'bird'}");
        b.Save(folder.File("broken.onnx"));
        using var output = new TempDirectory();

        var result = VisionProcess.Run("run", "-i", RepoPaths.Sample("fruits.jpg"), "-o", output.Path, "--model", folder.File("broken.onnx"), "--quiet");
        Assert.True(result.ExitCode == 1, result.ToString());
        var row = ResultJson.Deserialize(Assert.Single(File.ReadAllLines(Path.Combine(output.Path, "results.jsonl"))));
        Assert.Equal($"fruits.jpg: {folder.File("broken.onnx")}: model 'broken.onnx' gave 1 NaN and 1 infinite values in output 'output0' [1,3]; the model or its input is broken", row.Error);
        Assert.Empty(row.Detections);
    }
}
