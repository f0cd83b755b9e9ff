using System.Diagnostics;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Models;

namespace VisionPipeline.Graph.Running;

/// <summary>The floor's wall time, and how many distinct input tensors held real values rather than generated ones.</summary>
public sealed record FloorReplay(TimeSpan Wall, int RealInputs, int GeneratedInputs);

/// <summary>
/// The engine floor of a pipeline run: the same engine runs (same models, sessions, tensor shapes, per-image
/// order and number of workers) replayed on pre-made tensors, with nothing else in between. No pipeline can be
/// faster than this on the same machine.
/// </summary>
public static class EngineFloor
{
    /// <param name="samples">Real inputs to replay (a model's work can depend on the values); shapes without one
    /// get small uniform values, so no model sees NaNs or overflows.</param>
    public static FloorReplay Replay(IReadOnlyList<IReadOnlyList<ModelCall>> perImage, int workers, ModelInputSamples? samples = null)
    {
        var tensors = new Dictionary<string, TensorBuffer>();
        int real = 0;
        try
        {
            foreach (var call in perImage.SelectMany(c => c))
                for (int i = 0; i < call.Names.Length; i++)
                {
                    var key = ModelInputSamples.Key(call.Session, call.Names[i], call.Shapes[i]);
                    if (tensors.ContainsKey(key)) continue;
                    var tensor = samples?.Load(key, call.Names[i], call.Shapes[i]);
                    if (tensor is not null) real++;
                    else
                    {
                        tensor = new TensorBuffer(call.Names[i], call.Shapes[i]);
                        var random = new Random(tensors.Count);
                        for (int k = 0; k < tensor.Length; k++) tensor.Span[k] = (float)random.NextDouble();
                    }
                    tensors[key] = tensor;
                }

            int next = 0;
            var clock = Stopwatch.StartNew();
            var threads = Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Factory.StartNew(() =>
            {
                for (int image = Interlocked.Increment(ref next) - 1; image < perImage.Count; image = Interlocked.Increment(ref next) - 1)
                    foreach (var call in perImage[image])
                    {
                        var inputs = call.Names.Select((n, i) => tensors[ModelInputSamples.Key(call.Session, n, call.Shapes[i])]).ToArray();
                        using var outputs = call.Session.Engine.Run(inputs);
                    }
            }, TaskCreationOptions.LongRunning)).ToArray();
            Task.WaitAll(threads);
            return new FloorReplay(clock.Elapsed, real, tensors.Count - real);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }
}
