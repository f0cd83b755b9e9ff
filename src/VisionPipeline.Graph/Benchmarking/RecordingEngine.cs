using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Models;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Graph.Benchmarking;

/// <summary>An engine that tells an <see cref="EngineRecorder"/> about each run, then runs the engine it wraps.</summary>
internal sealed class RecordingEngine(IInferenceEngine inner, ModelSession session, EngineRecorder recorder) : IInferenceEngine
{
    public IInferenceEngine Inner { get; } = inner;
    public string EngineName => Inner.EngineName;
    public string ModelPath => Inner.ModelPath;
    public string Device => Inner.Device;
    public IReadOnlyList<TensorInfo> Inputs => Inner.Inputs;
    public IReadOnlyList<TensorInfo> Outputs => Inner.Outputs;
    public IReadOnlyDictionary<string, string> Metadata => Inner.Metadata;

    public EngineOutputs Run(IReadOnlyList<TensorBuffer> inputs)
    {
        recorder.Record(session, Inner, inputs);
        return Inner.Run(inputs);
    }

    /// <summary>The wrapped engine belongs to the model catalog, which disposes it.</summary>
    public void Dispose() { }
}
