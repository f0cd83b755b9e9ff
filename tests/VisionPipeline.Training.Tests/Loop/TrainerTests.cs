using VisionPipeline.Training.Data;
using VisionPipeline.Training.Loop;
using VisionPipeline.Training.Tasks;
using VisionPipeline.Training.Tests.Fixtures;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Loop;

public sealed class TrainerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vision-trainer-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private TrainingData Squares(int perClass = 20) =>
        TrainingData.Open(TaskKind.Classify, ColourSquares.Write(Path.Combine(_root, "data"), perClass), null, null, 0.25, seed: 3);

    private static TrainerOptions Quick => new() { Epochs = 6, BatchSize = 8, LearningRate = 0.05, Patience = 0, Seed = 7, LoaderWorkers = 2 };

    private TrainingResult Train(TrainingData data, TrainerOptions options, string name, CancellationToken cancel = default, bool resume = false,
        Action<StepProgress>? onStep = null)
    {
        var trainer = new Trainer(new TinyClassifyTask(data.Classes), data, options, augmenter: null) { StepDone = onStep };
        return trainer.Train(Path.Combine(_root, name), resume, cancel);
    }

    [Fact]
    public void A_small_network_learns_the_colour_of_the_squares()
    {
        var data = Squares();
        using var result = Train(data, Quick with { Epochs = 10 }, "learn");
        var last = result.History[^1];
        Assert.True(result.Members[0].Best.Metric >= 0.9, $"validation accuracy reached only {result.Members[0].Best.Metric:F3}");
        Assert.True(last.TrainLoss < result.History[0].TrainLoss, $"the training loss did not fall: {result.History[0].TrainLoss:F3} → {last.TrainLoss:F3}");
        Assert.Equal(10, result.History.Count);
    }

    [Fact]
    public void Two_runs_with_one_seed_give_identical_weights()
    {
        var data = Squares();
        var options = Quick with { InputNoise = 0.05 };
        using var first = Train(data, options, "a");
        using var second = Train(data, options, "b");
        AssertSameWeights(first.Models[0], second.Models[0], "two runs with seed 7");
        using var other = Train(data, options with { Seed = 8 }, "c");
        Assert.False(SameWeights(first.Models[0], other.Models[0]), "another seed gave the very same weights");
    }

    [Fact]
    public void Resuming_after_an_interrupt_ends_with_the_weights_of_an_uninterrupted_run()
    {
        var data = Squares();
        var options = Quick with { InputNoise = 0.05, AdversarialEpsilon = 0.01 };
        using var whole = Train(data, options, "whole");

        using var stop = new CancellationTokenSource();
        int steps = 0;
        using (var cut = Train(data, options, "cut", stop.Token, onStep: _ => { if (++steps == 9) stop.Cancel(); }))
        {
            Assert.True(cut.Interrupted, "the run did not report the interruption");
            Assert.Single(cut.History); // 9 steps = one epoch of 6 batches and 3 steps into the second
        }
        using var resumed = Train(data, options, "cut", resume: true);
        Assert.False(resumed.Interrupted);
        Assert.Equal(whole.History.Count, resumed.History.Count);
        AssertSameWeights(whole.Models[0], resumed.Models[0], "the resumed run");
        Assert.Equal(whole.History.Select(h => h.ValidationMetric), resumed.History.Select(h => h.ValidationMetric));
    }

    [Fact]
    public void Early_stopping_stops_early_and_restores_the_best_epoch()
    {
        // Labels drawn at random: the network can only memorise, so validation accuracy peaks early and wanders.
        var folder = ColourSquares.Write(Path.Combine(_root, "noisy"), 12);
        var random = new Random(5);
        foreach (var file in Directory.GetFiles(folder, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList())
        {
            var target = Path.Combine(folder, ColourSquares.Classes[random.Next(3)], "x" + Path.GetFileName(file) + Path.GetFileName(Path.GetDirectoryName(file)!) + ".png");
            File.Move(file, target);
        }
        var data = TrainingData.Open(TaskKind.Classify, folder, null, null, 0.34, seed: 3);
        var options = Quick with { Epochs = 40, Patience = 3, LearningRate = 0.1 };
        using var result = Train(data, options, "early");
        var member = result.Members[0];
        Assert.True(member.StoppedEarly, $"ran all {result.History.Count} epochs");
        Assert.True(result.History.Count < 40);
        Assert.Equal(member.BestEpoch + 1 + options.Patience, result.History.Count);
        Assert.Equal(result.History.Max(h => h.ValidationMetric), member.Best.Metric);

        var task = new TinyClassifyTask(data.Classes);
        var encoder = new SampleEncoder(data, task.InputSpec, null, 0);
        using var loader = new BatchLoader(encoder, data.Validation, Enumerable.Range(0, data.Validation.Count).ToArray(), 64, 0, false, 1);
        var pass = task.StartValidation(result.Models[0]);
        using (no_grad())
            foreach (var batch in loader.Batches()) using (batch) pass.Add(batch);
        Assert.Equal(member.Best.Metric, pass.Finish().Metric, 9);
    }

    [Fact]
    public void A_learning_rate_that_makes_the_loss_diverge_stops_with_a_message_that_names_it()
    {
        var data = Squares(8);
        var e = Assert.Throws<TrainingDivergedException>(() => Train(data, Quick with { LearningRate = 1e30, WarmupEpochs = 0 }, "nan"));
        Assert.Matches("became (NaN|infinite) at epoch 1, step \\d+ with learning rate [0-9.]+E\\+[0-9]+; lower --lr", e.Message);
    }

    [Fact]
    public void Bagging_trains_each_member_on_its_own_bootstrap_sample()
    {
        var data = Squares(8);
        using var result = Train(data, Quick with { Epochs = 2, Ensemble = 2 }, "bag");
        Assert.Equal(2, result.Models.Count);
        Assert.Equal([0, 0, 1, 1], result.History.Select(h => h.Member));
        Assert.False(SameWeights(result.Models[0], result.Models[1]), "two members ended with the same weights");
    }

    [Fact]
    public void An_l1_penalty_shrinks_the_weights()
    {
        var data = Squares(8);
        using var plain = Train(data, Quick with { WeightDecay = 0 }, "plain");
        using var sparse = Train(data, Quick with { WeightDecay = 0, L1 = 0.05 }, "l1");
        double Norm(TrainingResult r) => r.Models[0].parameters().Where(p => p.dim() > 1).Sum(p => p.abs().sum().item<float>());
        Assert.True(Norm(sparse) < 0.8 * Norm(plain), $"Σ|w| with L1 {Norm(sparse):F2}, without {Norm(plain):F2}");
    }

    private static bool SameWeights(TorchSharp.torch.nn.Module a, TorchSharp.torch.nn.Module b)
    {
        var x = a.state_dict();
        var y = b.state_dict();
        return x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out var other) && Identical(p.Value, other));
    }

    private static bool Identical(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape)) return false;
        using var same = a.eq(b).all();
        return same.item<bool>();
    }

    private static void AssertSameWeights(TorchSharp.torch.nn.Module a, TorchSharp.torch.nn.Module b, string what)
    {
        var x = a.state_dict();
        var y = b.state_dict();
        foreach (var (name, value) in x)
            Assert.True(Identical(value, y[name]), $"{what}: weights '{name}' differ (max |Δ| {(value - y[name]).abs().max().item<float>():G3})");
    }
}
