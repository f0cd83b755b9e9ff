using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Models;

namespace VisionPipeline.Graph.Benchmarking;

/// <summary>
/// Real input tensors kept while `vision bench` warms up, so that its engine floor replays the values the
/// pipeline gave the models: each image's own inputs (every engine run of its first visit, up to a disk budget),
/// and for any other image the first input each model got in each shape. A model's work depends on the values, not
/// only the shapes: random tensors give other activations (denormals among them), and in a measured run the floor
/// replaying one crop's tensor for every text line of that width took about 2.5 % less time than replaying each
/// line's own (10 rounds of 10 images of the default pipeline). Kept as raw float32 files rather than in memory, so
/// that they do not count in the pipeline's memory.
/// </summary>
public sealed class ModelInputSamples(string directory, long imageBudgetBytes = ModelInputSamples.DefaultImageBudgetBytes)
{
    /// <summary>Disk for images' own inputs: about 85 images of the default pipeline (some 12 MB each).</summary>
    public const long DefaultImageBudgetBytes = 1L << 30;

    private readonly ConcurrentDictionary<string, string> _byShape = new();
    private readonly ConcurrentDictionary<string, string> _byImage = new();
    private long _imageBytes;

    /// <summary>Where the engine runs of one image leave their inputs. Used by the one worker processing that image.</summary>
    public ImageInputs ForImage(string image) => new(this, image);

    /// <summary>A new tensor holding the inputs that <paramref name="image"/>'s engine run number <paramref name="run"/>
    /// got as its input number <paramref name="input"/>; null when they were not kept or had another shape.</summary>
    public TensorBuffer? LoadForImage(string image, int run, int input, string name, int[] shape) =>
        _byImage.TryGetValue(ImageKey(image, run, input, shape), out var path) ? Load(path, name, shape) : null;

    /// <summary>A new tensor holding the first input of this shape that the model got, or null when it never got one.</summary>
    public TensorBuffer? LoadByShape(ModelSession session, string name, int[] shape) =>
        _byShape.TryGetValue(ShapeKey(session, name, shape), out var path) ? Load(path, name, shape) : null;

    public static string ShapeKey(ModelSession session, string name, int[] shape) => $"{session.Id}|{name}|{string.Join('x', shape)}";

    private static string ImageKey(string image, int run, int input, int[] shape) => $"{image}|{run}|{input}|{string.Join('x', shape)}";

    /// <summary>Keeps one input as its image's own and, when the model's first of its shape, as that too: one file for both.</summary>
    private void Keep(ModelSession session, string image, int run, int index, TensorBuffer input)
    {
        var shapeKey = ShapeKey(session, input.Name, input.Shape);
        var imageKey = ImageKey(image, run, index, input.Shape);
        bool forShape = !_byShape.ContainsKey(shapeKey);
        bool forImage = !_byImage.ContainsKey(imageKey)
                        && Interlocked.Add(ref _imageBytes, (long)input.Length * sizeof(float)) <= imageBudgetBytes;
        if (!forShape && !forImage) return;

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.f32");
        using (var file = File.Create(path)) file.Write(MemoryMarshal.AsBytes(input.Span));
        bool kept = (forShape && _byShape.TryAdd(shapeKey, path)) | (forImage && _byImage.TryAdd(imageKey, path));
        if (!kept) File.Delete(path);
    }

    private static TensorBuffer Load(string path, string name, int[] shape)
    {
        var tensor = new TensorBuffer(name, shape);
        using var file = File.OpenRead(path);
        file.ReadExactly(MemoryMarshal.AsBytes(tensor.Span));
        return tensor;
    }

    public sealed class ImageInputs(ModelInputSamples owner, string image)
    {
        private int _runs;

        /// <summary>Keeps the inputs of the image's next engine run.</summary>
        public void Keep(ModelSession session, IReadOnlyList<TensorBuffer> inputs)
        {
            int run = _runs++;
            for (int i = 0; i < inputs.Count; i++) owner.Keep(session, image, run, i, inputs[i]);
        }
    }
}
