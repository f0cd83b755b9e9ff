namespace VisionPipeline.Inference.Engines;

/// <summary>A float32 output tensor viewed in place in the engine's memory.</summary>
public sealed unsafe class OutputTensor
{
    private readonly float* _data;

    internal OutputTensor(string name, int[] shape, float* data, int length)
    {
        Name = name;
        Shape = shape;
        _data = data;
        Length = length;
    }

    public string Name { get; }
    public int[] Shape { get; }
    public int Length { get; }

    /// <summary>The values, valid until the owning <see cref="EngineOutputs"/> is disposed.</summary>
    public ReadOnlySpan<float> Data => new(_data, Length);

    public string ShapeText => $"[{string.Join(",", Shape)}]";
}

/// <summary>The outputs of one Run, by name or position. Disposing frees the engine's memory.</summary>
public sealed class EngineOutputs : IDisposable
{
    private readonly IReadOnlyList<OutputTensor> _tensors;
    private readonly IDisposable _owner;

    internal EngineOutputs(IReadOnlyList<OutputTensor> tensors, IDisposable owner)
    {
        _tensors = tensors;
        _owner = owner;
    }

    public int Count => _tensors.Count;
    public IReadOnlyList<OutputTensor> All => _tensors;
    public OutputTensor this[int index] => _tensors[index];

    public OutputTensor this[string name] =>
        _tensors.FirstOrDefault(t => t.Name == name)
        ?? throw new KeyNotFoundException(
            $"the model has no output '{name}' (it has {string.Join(", ", _tensors.Select(t => t.Name))})");

    public void Dispose() => _owner.Dispose();
}
