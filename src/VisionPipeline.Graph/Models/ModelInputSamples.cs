using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using VisionPipeline.Core.Tensors;

namespace VisionPipeline.Graph.Models;

/// <summary>
/// The first real input tensor each model got for each input name and shape, kept on disk (raw float32) so that
/// `vision bench`'s engine floor replays the values a real image produces: random values give the models different
/// work (denormal activations, other branches in non-maximum suppression inside the graph) and so a different floor.
/// Files rather than memory, so that holding them does not count in the pipeline's peak memory.
/// </summary>
public sealed class ModelInputSamples(string directory)
{
    private readonly ConcurrentDictionary<string, string> _files = new();

    public int Count => _files.Count;

    public static string Key(ModelSession session, string name, int[] shape) => $"{session.Id}|{name}|{string.Join('x', shape)}";

    /// <summary>Saves any of <paramref name="inputs"/> whose (model, name, shape) has not been seen yet.</summary>
    public void Keep(ModelSession session, IReadOnlyList<TensorBuffer> inputs)
    {
        foreach (var input in inputs)
        {
            var key = Key(session, input.Name, input.Shape);
            if (_files.ContainsKey(key)) continue;
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, $"{Guid.NewGuid():N}.f32");
            using (var file = File.Create(path)) file.Write(MemoryMarshal.AsBytes(input.Span));
            if (!_files.TryAdd(key, path)) File.Delete(path);
        }
    }

    /// <summary>A new tensor holding the kept values for <paramref name="key"/>, or null when none was kept.</summary>
    public TensorBuffer? Load(string key, string name, int[] shape)
    {
        if (!_files.TryGetValue(key, out var path)) return null;
        var tensor = new TensorBuffer(name, shape);
        using var file = File.OpenRead(path);
        file.ReadExactly(MemoryMarshal.AsBytes(tensor.Span));
        return tensor;
    }
}
