using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Models;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Graph.Benchmarking;

/// <summary>An engine that tells an <see cref="EngineRecorder"/> about each run, then runs the engine it wraps.</summary>
internal sealed class RecordingEngine(IInferenceEngine inner, ModelSession session, EngineRecorder recorder) : IInferenceEngine
{
    public string EngineName => inner.EngineName;
    public string ModelPath => inner.ModelPath;
    public string Device => inner.Device;
    public IReadOnlyList<TensorInfo> Inputs => inner.Inputs;
    public IReadOnlyList<TensorInfo> Outputs => inner.Outputs;
    public IReadOnlyDictionary<string, string> Metadata => inner.Metadata;

    public EngineOutputs Run(IReadOnlyList<TensorBuffer> inputs)
    {
        recorder.Record(session, inputs);
        return inner.Run(inputs);
    }

    /// <summary>The wrapped engine belongs to the model catalog, which disposes it.</summary>
    public void Dispose() { }
}
