using System.Buffers;

namespace VisionPipeline.Core.Tensors;

/// <summary>
/// A float32 tensor in a pooled managed array, handed to an engine without copying
/// (ONNX Runtime wraps the memory, OpenCV DNN gets a Mat header over it). Dispose returns the array to the pool.
/// </summary>
public sealed class TensorBuffer : IDisposable
{
    private float[]? _data;

    public TensorBuffer(string name, params int[] shape)
    {
        if (shape.Length == 0 || shape.Any(d => d <= 0))
            throw new ArgumentException($"Tensor '{name}' needs positive dimensions, got [{string.Join(",", shape)}].");
        Name = name;
        Shape = shape;
        Length = shape.Aggregate(1, (a, d) => checked(a * d));
        _data = ArrayPool<float>.Shared.Rent(Length);
    }

    public string Name { get; }
    public int[] Shape { get; }
    public int Length { get; }

    public float[] Array => _data ?? throw new ObjectDisposedException(nameof(TensorBuffer));
    public Span<float> Span => Array.AsSpan(0, Length);
    public Memory<float> Memory => Array.AsMemory(0, Length);

    public void Dispose()
    {
        var data = Interlocked.Exchange(ref _data, null);
        if (data is not null) ArrayPool<float>.Shared.Return(data);
    }
}
