using System.Diagnostics;
using VisionPipeline.Augmentation;
using VisionPipeline.Training.Data;
using VisionPipeline.Training.Loop;
using VisionPipeline.Training.Native;
using VisionPipeline.Training.Tasks;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Benchmarking;

/// <summary>One round: the trainer's and the bare loop's training samples per second.</summary>
public sealed record BenchmarkRound(double Trainer, double Bare)
{
    public double Ratio => Bare > 0 ? Trainer / Bare : double.NaN;
}

/// <summary>The rounds and their totals (samples over seconds, all rounds together).</summary>
public sealed record TrainingBenchmarkResult(IReadOnlyList<BenchmarkRound> Rounds, double TrainerSamplesPerSecond, double BareSamplesPerSecond, int Steps, int BatchSize)
{
    public double Ratio => TrainerSamplesPerSecond / BareSamplesPerSecond;
}

/// <summary>
/// Measures what the trainer costs beyond the network's own compute: the real <see cref="Trainer"/> (data decoding,
/// augmentation and batching on its background loader, the schedule, the loss) over <c>steps</c> training steps,
/// against a bare TorchSharp loop of the same network, optimiser and loss on one pre-made batch, in alternating rounds.
/// </summary>
public static class TrainingBenchmark
{
    public static TrainingBenchmarkResult Run(ITrainingTask task, TrainingData data, TrainerOptions options, Augmenter? augmenter,
        int steps, int rounds, string scratch, Action<BenchmarkRound>? roundDone = null)
    {
        LibTorch.EnsureLoaded();
        if (options.Threads > 0) set_num_threads(options.Threads);
        var subset = data.Subset(steps * options.BatchSize, Math.Min(data.Validation.Count, options.BatchSize));
        var trainerOptions = options with { Epochs = 1, Patience = 0, Ensemble = 1 };
        var encoder = new SampleEncoder(subset, task.InputSpec, augmenter, (ulong)options.Seed);
        var first = Enumerable.Range(0, Math.Min(options.BatchSize, subset.Train.Count)).Select(i => encoder.Encode(subset.Train, i, 0, augment: false)).ToList();

        Bare(task, first, encoder, options, Math.Min(3, steps)); // libtorch's first steps allocate and tune
        var results = new List<BenchmarkRound>();
        double trainerSamples = 0, trainerSeconds = 0, bareSamples = 0, bareSeconds = 0;
        for (int round = 0; round < rounds; round++)
        {
            var folder = Path.Combine(scratch, $"round-{round}");
            using var trained = new Trainer(task, subset, trainerOptions, augmenter).Train(folder, resume: false, CancellationToken.None);
            double trainerRate = trained.SamplesPerSecond;
            trainerSamples += subset.Train.Count;
            trainerSeconds += subset.Train.Count / trainerRate;
            var (samples, seconds) = Bare(task, first, encoder, options, steps);
            bareSamples += samples;
            bareSeconds += seconds;
            var result = new BenchmarkRound(trainerRate, samples / seconds);
            results.Add(result);
            roundDone?.Invoke(result);
            Directory.Delete(folder, recursive: true);
        }
        return new TrainingBenchmarkResult(results, trainerSamples / trainerSeconds, bareSamples / bareSeconds, steps, options.BatchSize);
    }

    /// <summary>The bare loop: the same network, optimiser and loss over one batch made before the clock starts.</summary>
    private static (double Samples, double Seconds) Bare(ITrainingTask task, IReadOnlyList<EncodedSample> samples, SampleEncoder encoder,
        TrainerOptions options, int steps)
    {
        manual_seed(options.Seed);
        using var network = task.CreateNetwork();
        network.train();
        using var optimizer = OptimizerFactory.Create(network, options);
        using var batch = BatchLoader.Collate(samples, encoder);
        var clock = Stopwatch.StartNew();
        for (int step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = task.Loss(network, batch);
            loss.backward();
            optimizer.step();
            _ = loss.item<float>();
        }
        return ((double)steps * batch.Count, clock.Elapsed.TotalSeconds);
    }
}
