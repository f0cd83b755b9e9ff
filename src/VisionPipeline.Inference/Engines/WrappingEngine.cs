using VisionPipeline.Core.Tensors;

namespace VisionPipeline.Inference.Engines;

/// <summary>An engine that runs another one with something around each run (batching, recording, counting): it is that
/// engine in everything else.</summary>
public abstract class WrappingEngine(IInferenceEngine inner) : IInferenceEngine
{
    protected IInferenceEngine Inner { get; } = inner;

    public string EngineName => Inner.EngineName;
    public string ModelPath => Inner.ModelPath;
    public string Device => Inner.Device;
    public IReadOnlyList<TensorInfo> Inputs => Inner.Inputs;
    public IReadOnlyList<TensorInfo> Outputs => Inner.Outputs;
    public IReadOnlyDictionary<string, string> Metadata => Inner.Metadata;

    public abstract EngineOutputs Run(IReadOnlyList<TensorBuffer> inputs);

    /// <summary>Disposes the wrapped engine; a wrapper that does not own it overrides this.</summary>
    public virtual void Dispose() => Inner.Dispose();
}
