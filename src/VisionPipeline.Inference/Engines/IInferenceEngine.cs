using VisionPipeline.Core.Tensors;

namespace VisionPipeline.Inference.Engines;

/// <summary>
/// A loaded CNN. Implementations are safe to call from several threads at once.
/// </summary>
public interface IInferenceEngine : IDisposable
{
    /// <summary>"onnxruntime" or "opencv-dnn".</summary>
    string EngineName { get; }

    string ModelPath { get; }

    /// <summary>The execution device actually in use ("cpu" or "cuda").</summary>
    string Device { get; }

    IReadOnlyList<TensorInfo> Inputs { get; }
    IReadOnlyList<TensorInfo> Outputs { get; }

    /// <summary>Custom metadata stored in the model file (Ultralytics puts names, stride, imgsz in ONNX files); empty when none.</summary>
    IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Runs the model. The outputs stay valid until they are disposed.</summary>
    EngineOutputs Run(IReadOnlyList<TensorBuffer> inputs);
}

/// <summary>A model input or output: name, shape (-1 for a dynamic dimension; empty when unknown) and element type.</summary>
public sealed record TensorInfo(string Name, long[] Shape, string ElementType)
{
    public override string ToString() =>
        $"{Name} {ElementType}[{string.Join(",", Shape.Select(d => d < 0 ? "?" : d.ToString()))}]";
}
