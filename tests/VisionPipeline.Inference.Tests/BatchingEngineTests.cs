using VisionPipeline.Core.Tensors;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Inference.Onnx;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Inference.Tests;

/// <summary>
/// Dynamic batching on a generated ONNX model (no zoo model has a free batch dimension and a fixed input size):
/// outputs = per-channel means and the input doubled, so each caller's slice is checkable.
/// </summary>
public class BatchingEngineTests
{
    [Fact]
    public async Task Concurrent_single_runs_are_stacked_into_one_engine_run_and_each_caller_gets_its_own_slice()
    {
        using var temp = new TempDirectory();
        using var counting = new CountingEngine(EngineFactory.Create(Model(temp, batch: -1), new EngineOptions()));
        using var engine = BatchingEngine.Wrap(counting, new EngineOptions { MaxBatch = 4, BatchWait = TimeSpan.FromSeconds(5) });
        Assert.IsType<BatchingEngine>(engine);

        var expected = Enumerable.Range(0, 4).Select(i =>
        {
            using var input = Input(i);
            using var single = counting.Run([input]);
            return (Means: single["means"].Data.ToArray(), Doubled: single["doubled"].Data.ToArray());
        }).ToArray();
        counting.Runs = 0;

        using var start = new Barrier(4);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => OnOwnThread(() =>
        {
            using var input = Input(i);
            start.SignalAndWait();
            using var outputs = engine.Run([input]);
            Assert.Equal([1, 3, 1, 1], outputs["means"].Shape);
            return (Means: outputs["means"].Data.ToArray(), Doubled: outputs["doubled"].Data.ToArray());
        })));

        Assert.True(counting.Runs == 1, $"4 concurrent runs with a 5 s wait should make one engine run, made {counting.Runs}");
        for (int i = 0; i < 4; i++)
        {
            Assert.True(expected[i].Means.SequenceEqual(results[i].Means), $"caller {i} got another caller's means");
            Assert.True(expected[i].Doubled.SequenceEqual(results[i].Doubled), $"caller {i} got another caller's doubled input");
        }
    }

    [Fact]
    public void A_lone_run_goes_alone_after_the_wait_and_batched_runs_pass_straight_through()
    {
        using var temp = new TempDirectory();
        using var counting = new CountingEngine(EngineFactory.Create(Model(temp, batch: -1), new EngineOptions()));
        using var engine = BatchingEngine.Wrap(counting, new EngineOptions { MaxBatch = 8, BatchWait = TimeSpan.FromMilliseconds(1) });

        using var one = Input(1);
        using (var outputs = engine.Run([one])) Assert.Equal([1, 3, 4, 4], outputs["doubled"].Shape);
        using var two = new TensorBuffer("x", 2, 3, 4, 4);
        two.Span.Fill(1f);
        using (var outputs = engine.Run([two])) Assert.Equal([2, 3, 4, 4], outputs["doubled"].Shape);
        Assert.Equal(2, counting.Runs);
    }

    [Fact]
    public void A_model_with_a_fixed_batch_dimension_is_not_wrapped()
    {
        using var temp = new TempDirectory();
        using var engine = EngineFactory.Create(Model(temp, batch: 1), new EngineOptions { MaxBatch = 4 });
        Assert.IsNotType<BatchingEngine>(engine);
    }

    [Fact]
    public async Task An_engine_error_reaches_every_caller_of_the_batch()
    {
        using var temp = new TempDirectory();
        using var engine = EngineFactory.Create(Model(temp, batch: -1), new EngineOptions { MaxBatch = 2, BatchWait = TimeSpan.FromSeconds(5) });
        using var start = new Barrier(2);
        var errors = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => OnOwnThread(() =>
        {
            using var wrongName = new TensorBuffer("not_x", 1, 3, 4, 4);
            start.SignalAndWait();
            return Assert.ThrowsAny<Exception>(() => engine.Run([wrongName]).Dispose());
        })));
        Assert.All(errors, e => Assert.Contains("inference failed", e.Message));
    }

    /// <summary>Callers block on each other (a barrier, the batch), so each gets a thread of its own.</summary>
    private static Task<T> OnOwnThread<T>(Func<T> work) => Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static string Model(TempDirectory temp, long batch)
    {
        var b = new OnnxModelBuilder("batching");
        var x = b.Input("x", batch, 3, 4, 4);
        b.Node("GlobalAveragePool", [x], "means");
        b.Mul(x, b.Constant([2f], 1), "doubled");
        b.Output("means", dims: [batch, 3, 1, 1]);
        b.Output("doubled", dims: [batch, 3, 4, 4]);
        var path = temp.File($"batching{batch}.onnx");
        b.Save(path);
        return path;
    }

    private static TensorBuffer Input(int seed)
    {
        var t = new TensorBuffer("x", 1, 3, 4, 4);
        var random = new Random(seed);
        for (int i = 0; i < t.Length; i++) t.Span[i] = (float)random.NextDouble();
        return t;
    }

    /// <summary>The real engine, counting how often it runs.</summary>
    private sealed class CountingEngine(IInferenceEngine inner) : WrappingEngine(inner)
    {
        public int Runs;

        public override EngineOutputs Run(IReadOnlyList<TensorBuffer> inputs)
        {
            Interlocked.Increment(ref Runs);
            return Inner.Run(inputs);
        }
    }
}
