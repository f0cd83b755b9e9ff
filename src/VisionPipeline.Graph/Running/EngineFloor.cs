using System.Diagnostics;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Models;

namespace VisionPipeline.Graph.Running;

/// <summary>
/// The engine floor of a pipeline run: the same engine runs (same models, sessions, tensor shapes, per-image
/// order and number of workers) replayed on pre-made tensors, with nothing else in between. No pipeline can be
/// faster than this on the same machine.
/// </summary>
public static class EngineFloor
{
    /// <returns>Wall time of the replay.</returns>
    public static TimeSpan Replay(IReadOnlyList<IReadOnlyList<ModelCall>> perImage, int workers)
    {
        // Pre-make one tensor per distinct (name, shape): small values, so no model sees NaNs or overflows.
        var tensors = new Dictionary<string, TensorBuffer>();
        try
        {
            foreach (var call in perImage.SelectMany(c => c))
                for (int i = 0; i < call.Names.Length; i++)
                {
                    var key = Key(call.Names[i], call.Shapes[i]);
                    if (tensors.ContainsKey(key)) continue;
                    var tensor = new TensorBuffer(call.Names[i], call.Shapes[i]);
                    var random = new Random(tensors.Count);
                    for (int k = 0; k < tensor.Length; k++) tensor.Span[k] = (float)random.NextDouble();
                    tensors[key] = tensor;
                }

            int next = 0;
            var clock = Stopwatch.StartNew();
            var threads = Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Factory.StartNew(() =>
            {
                for (int image = Interlocked.Increment(ref next) - 1; image < perImage.Count; image = Interlocked.Increment(ref next) - 1)
                    foreach (var call in perImage[image])
                    {
                        var inputs = call.Names.Select((n, i) => tensors[Key(n, call.Shapes[i])]).ToArray();
                        using var outputs = call.Session.Engine.Run(inputs);
                    }
            }, TaskCreationOptions.LongRunning)).ToArray();
            Task.WaitAll(threads);
            return clock.Elapsed;
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    private static string Key(string name, int[] shape) => $"{name}:{string.Join('x', shape)}";
}
