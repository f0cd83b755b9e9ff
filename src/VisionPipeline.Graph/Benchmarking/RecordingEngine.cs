using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Models;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Graph.Benchmarking;

/// <summary>An engine that tells an <see cref="EngineRecorder"/> about each run, then runs the engine it wraps.</summary>
internal sealed class RecordingEngine(IInferenceEngine inner, ModelSession session, EngineRecorder recorder) : WrappingEngine(inner)
{
    public override EngineOutputs Run(IReadOnlyList<TensorBuffer> inputs)
    {
        recorder.Record(session, inputs);
        return Inner.Run(inputs);
    }

    /// <summary>The wrapped engine belongs to the model catalog, which disposes it.</summary>
    public override void Dispose() { }
}
