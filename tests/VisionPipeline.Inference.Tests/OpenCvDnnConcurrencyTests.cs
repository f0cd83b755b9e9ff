using VisionPipeline.Core.Tensors;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Inference.Tests;

/// <summary>
/// The OpenCV DNN engine lends each run a network of its own: a run's outputs stay what that run computed until they
/// are disposed, however many other runs happen meanwhile, and runs from several workers at once compute what runs
/// one at a time compute.
/// </summary>
public class OpenCvDnnConcurrencyTests
{
    private static TensorBuffer Input(int seed)
    {
        var input = new TensorBuffer("input", 1, 3, 192, 192);
        var random = new Random(seed);
        for (int i = 0; i < input.Length; i++) input.Span[i] = (float)(random.NextDouble() * 2 - 1);
        return input;
    }

    private static IInferenceEngine Engine() =>
        EngineFactory.Create(Zoo.Store.Resolve("blazeface-full"), new EngineOptions { Engine = EngineKind.OpenCvDnn });

    private static float[][] Copy(EngineOutputs outputs) => outputs.All.Select(o => o.Data.ToArray()).ToArray();

    [Fact]
    public void A_run_s_outputs_keep_their_values_while_another_run_happens_before_they_are_disposed()
    {
        using var engine = Engine();
        using var first = Input(1);
        using var second = Input(2);
        float[][] alone;
        using (var outputs = engine.Run([first])) alone = Copy(outputs);

        using var kept = engine.Run([first]);
        using (engine.Run([second])) { }
        var after = Copy(kept);
        for (int o = 0; o < alone.Length; o++)
            Assert.True(alone[o].AsSpan().SequenceEqual(after[o]), $"output {kept.All[o].Name} changed when another run happened before it was disposed");
    }

    [Fact]
    public void Runs_from_four_threads_at_once_compute_what_runs_one_at_a_time_compute()
    {
        using var engine = Engine();
        var inputs = Enumerable.Range(0, 8).Select(Input).ToArray();
        try
        {
            var serial = inputs.Select(i =>
            {
                using var outputs = engine.Run([i]);
                return Copy(outputs);
            }).ToArray();
            var parallel = new float[inputs.Length][][];
            Parallel.For(0, inputs.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
            {
                int i = k % inputs.Length;
                using var outputs = engine.Run([inputs[i]]);
                var values = Copy(outputs);
                lock (parallel) parallel[i] ??= values;
                for (int o = 0; o < values.Length; o++)
                    Assert.True(serial[i][o].AsSpan().SequenceEqual(values[o]), $"input {i}, output {o}: a concurrent run computed other values");
            });
        }
        finally
        {
            foreach (var i in inputs) i.Dispose();
        }
    }
}
