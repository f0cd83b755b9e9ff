using VisionPipeline.Core.Tensors;

namespace VisionPipeline.Graph.Benchmarking;

/// <summary>
/// The tensors the engine floor replays: for each engine run of an image, the inputs that image gave the model
/// when they were kept, else the model's kept input of the same shape from another image, else small uniform
/// values (no model sees NaNs or overflows). Repeats of one file share their tensors. Owns every tensor it loads.
/// </summary>
internal sealed class FloorInputs(ModelInputSamples? samples) : IDisposable
{
    private enum Source { Own, Borrowed, Generated }

    private sealed record Prepared(TensorBuffer[][] Inputs, Source[] Sources);

    private readonly Dictionary<(string, IReadOnlyList<ModelCall>), Prepared> _images = [];
    private readonly Dictionary<string, (TensorBuffer Tensor, Source Source)> _byShape = [];
    private readonly List<TensorBuffer> _owned = [];

    /// <summary>Each engine run's input tensors for <paramref name="image"/>, in the order of its runs.</summary>
    public TensorBuffer[][] For(ImageEngineRuns image) => Prepare(image).Inputs;

    /// <summary>How many of the engine runs of <paramref name="images"/> replay their own, another image's or generated inputs.</summary>
    public (int Own, int Borrowed, int Generated) Sources(IEnumerable<ImageEngineRuns> images)
    {
        int own = 0, borrowed = 0, generated = 0;
        foreach (var source in images.SelectMany(i => Prepare(i).Sources))
        {
            if (source == Source.Own) own++;
            else if (source == Source.Borrowed) borrowed++;
            else generated++;
        }
        return (own, borrowed, generated);
    }

    private Prepared Prepare(ImageEngineRuns image)
    {
        var key = (image.Image, image.Calls);
        if (_images.TryGetValue(key, out var known)) return known;
        var inputs = new TensorBuffer[image.Calls.Count][];
        var sources = new Source[image.Calls.Count];
        for (int run = 0; run < image.Calls.Count; run++)
        {
            var call = image.Calls[run];
            inputs[run] = new TensorBuffer[call.Names.Length];
            for (int i = 0; i < call.Names.Length; i++)
            {
                var (tensor, source) = Input(image.Image, run, i, call);
                inputs[run][i] = tensor;
                sources[run] = (Source)Math.Max((int)sources[run], (int)source);
            }
        }
        return _images[key] = new Prepared(inputs, sources);
    }

    private (TensorBuffer, Source) Input(string image, int run, int index, ModelCall call)
    {
        var (name, shape) = (call.Names[index], call.Shapes[index]);
        if (samples?.LoadForImage(image, run, index, name, shape) is { } own)
        {
            _owned.Add(own);
            return (own, Source.Own);
        }
        var key = ModelInputSamples.ShapeKey(call.Session, name, shape);
        if (_byShape.TryGetValue(key, out var shared)) return shared;
        var tensor = samples?.LoadByShape(call.Session, name, shape);
        var source = Source.Borrowed;
        if (tensor is null)
        {
            tensor = new TensorBuffer(name, shape);
            var random = new Random(_byShape.Count);
            for (int k = 0; k < tensor.Length; k++) tensor.Span[k] = (float)random.NextDouble();
            source = Source.Generated;
        }
        _owned.Add(tensor);
        _byShape[key] = (tensor, source);
        return (tensor, source);
    }

    public void Dispose()
    {
        foreach (var tensor in _owned) tensor.Dispose();
        _owned.Clear();
    }
}
