using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = TorchSharp.torch.Tensor;

namespace VisionPipeline.Training.Tests.Support;

/// <summary>Runs ONNX models with ONNX Runtime and compares their outputs with TorchSharp's.</summary>
internal static class Ort
{
    /// <summary>Runs the model on one input and returns every output by name, as flat values with their shape.</summary>
    public static Dictionary<string, (float[] Values, long[] Shape)> Run(byte[] model, string inputName, float[] input, long[] shape)
    {
        using var session = new InferenceSession(model);
        return Run(session, inputName, input, shape);
    }

    public static Dictionary<string, (float[] Values, long[] Shape)> Run(string modelPath, string inputName, float[] input, long[] shape)
    {
        using var session = new InferenceSession(modelPath);
        return Run(session, inputName, input, shape);
    }

    private static Dictionary<string, (float[] Values, long[] Shape)> Run(InferenceSession session, string inputName, float[] input, long[] shape)
    {
        var value = new DenseTensor<float>(input, shape.Select(d => (int)d).ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, value)]);
        return results.ToDictionary(r => r.Name, r =>
        {
            var t = r.AsTensor<float>();
            return (t.ToArray(), t.Dimensions.ToArray().Select(d => (long)d).ToArray());
        });
    }

    /// <summary>The values of a TorchSharp tensor, flat.</summary>
    public static float[] Values(Tensor t)
    {
        using var flat = t.detach().cpu().contiguous();
        return flat.data<float>().ToArray();
    }

    /// <summary>
    /// Asserts ONNX Runtime's output equals TorchSharp's in shape and within <paramref name="tolerance"/>; returns
    /// the largest absolute difference.
    /// </summary>
    public static double AssertClose(Tensor expected, (float[] Values, long[] Shape) actual, double tolerance, string what)
    {
        Assert.True(expected.shape.SequenceEqual(actual.Shape),
            $"{what}: ONNX Runtime gives shape [{string.Join(", ", actual.Shape)}], TorchSharp [{string.Join(", ", expected.shape)}]");
        var values = Values(expected);
        double worst = 0;
        int at = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double d = Math.Abs(values[i] - actual.Values[i]);
            if (d > worst || double.IsNaN(d)) (worst, at) = (double.IsNaN(d) ? double.PositiveInfinity : d, i);
        }
        Assert.True(worst <= tolerance,
            $"{what}: ONNX Runtime and TorchSharp differ by up to {worst:G3} (at flat index {at}: {actual.Values[at]} vs {values[at]}), more than {tolerance:G3}");
        return worst;
    }
}
