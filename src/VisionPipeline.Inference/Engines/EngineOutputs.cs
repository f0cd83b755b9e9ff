namespace VisionPipeline.Inference.Engines;

public enum OutputElementType { Float32, Int64 }

/// <summary>An output tensor (float32, or int64 for label outputs) viewed in place in the engine's memory.</summary>
public sealed unsafe class OutputTensor
{
    private readonly void* _data;

    internal OutputTensor(string name, int[] shape, float* data, int length) : this(name, shape, data, length, OutputElementType.Float32) { }

    internal OutputTensor(string name, int[] shape, void* data, int length, OutputElementType type)
    {
        Name = name;
        Shape = shape;
        _data = data;
        Length = length;
        ElementType = type;
    }

    public string Name { get; }
    public int[] Shape { get; }
    public int Length { get; }
    public OutputElementType ElementType { get; }

    /// <summary>The float32 values, valid until the owning <see cref="EngineOutputs"/> is disposed.</summary>
    public ReadOnlySpan<float> Data => ElementType == OutputElementType.Float32
        ? new ReadOnlySpan<float>(_data, Length)
        : throw new InvalidOperationException($"output '{Name}' holds {ElementType}, not float32");

    /// <summary>The int64 values (label outputs such as torchvision's).</summary>
    public ReadOnlySpan<long> Int64Data => ElementType == OutputElementType.Int64
        ? new ReadOnlySpan<long>(_data, Length)
        : throw new InvalidOperationException($"output '{Name}' holds {ElementType}, not int64");

    /// <summary>The values as floats, whatever the element type.</summary>
    public float[] ToFloatArray()
    {
        if (ElementType == OutputElementType.Float32) return Data.ToArray();
        var values = new float[Length];
        var source = Int64Data;
        for (int i = 0; i < values.Length; i++) values[i] = source[i];
        return values;
    }

    /// <summary>Item <paramref name="index"/> of a batch-first output, as a [1, ...] view of the same memory.</summary>
    internal OutputTensor Item(int index)
    {
        int perItem = Length / Shape[0];
        var shape = Shape.ToArray();
        shape[0] = 1;
        int elementSize = ElementType == OutputElementType.Int64 ? sizeof(long) : sizeof(float);
        return new OutputTensor(Name, shape, (byte*)_data + (long)index * perItem * elementSize, perItem, ElementType);
    }

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
