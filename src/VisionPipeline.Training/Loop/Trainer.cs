using System.Diagnostics;
using TorchSharp;
using VisionPipeline.Augmentation;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets;
using VisionPipeline.Training.Data;
using VisionPipeline.Training.Native;
using VisionPipeline.Training.Tasks;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Loop;

/// <summary>
/// The training loop, in one place: minibatch gradient descent with the task's loss, the learning-rate schedule,
/// optional input noise, FGSM adversarial examples and an L1 penalty; a validation pass per epoch; early stopping
/// that restores the best epoch's weights; bagging (an ensemble of models on bootstrap samples); a checkpoint at every
/// epoch and on cancellation, from which <see cref="Train"/> with resume continues to the same weights an
/// uninterrupted run reaches. Deterministic for a seed: weights, data order, augmentation, dropout and noise.
/// </summary>
public sealed class Trainer(ITrainingTask task, TrainingData data, TrainerOptions options, Augmenter? augmenter)
{
    /// <summary>After each training step.</summary>
    public Action<StepProgress>? StepDone { get; init; }

    /// <summary>After each epoch's validation, with the whole history so far (a resumed run's earlier epochs too).</summary>
    public Action<EpochRecord, IReadOnlyList<EpochRecord>>? EpochDone { get; init; }

    /// <summary>An image that could not be loaded (once per image and pass).</summary>
    public Action<string>? Skipped { get; init; }

    /// <summary>The settings a checkpoint must share with a run that resumes it.</summary>
    public string Settings { get; init; } = "";

    private readonly SampleEncoder _encoder = new(data, task.InputSpec, augmenter, (ulong)options.Seed);
    private readonly InputPerturbation _perturbation = new(task.InputSpec);

    /// <summary>Trains every member; with <paramref name="resume"/> continues from the checkpoint in <paramref name="checkpointDirectory"/>.</summary>
    public TrainingResult Train(string checkpointDirectory, bool resume, CancellationToken cancel)
    {
        using var endRegion = _quiet; // the region is process-wide: it must not outlive the training
        LibTorch.EnsureLoaded();
        if (options.Threads > 0) set_num_threads(options.Threads);
        var checkpoint = new Checkpoint(checkpointDirectory);
        CheckpointState? state = null;
        if (resume)
        {
            if (!checkpoint.Exists) throw new ConfigurationException(checkpoint.Directory, "there is no checkpoint to resume from");
            state = checkpoint.ReadState();
            if (state.Settings != Settings)
                throw new ConfigurationException(checkpoint.Directory,
                    "the checkpoint was made with other settings or data; resume with the same options, or start again with --overwrite");
        }
        var clock = Stopwatch.StartNew();
        double secondsBefore = state?.Seconds ?? 0;
        var run = new RunTotals(state?.History ?? [], state?.SamplesSeen ?? 0, secondsBefore);
        var models = new List<nn.Module<Tensor, Tensor>>();
        var members = new List<MemberResult>();
        for (int member = 0; member < options.Ensemble; member++)
        {
            bool finishedBefore = state is not null && (member < state.Member || member == state.Member && state.MemberDone);
            if (finishedBefore)
            {
                var done = task.CreateNetwork();
                Load(done, checkpoint.ReadMember(member));
                done.eval();
                models.Add(done);
                members.Add(MemberSummary(member, run.History));
                continue;
            }
            var resumeHere = state is not null && state.Member == member ? state : null;
            var outcome = TrainMember(member, checkpoint, resumeHere, run, clock, cancel);
            models.Add(outcome.Network);
            members.Add(outcome.Result);
            if (outcome.Interrupted)
                return new TrainingResult(models, members, run.History, true, secondsBefore + clock.Elapsed.TotalSeconds, run.SamplesPerSecond);
        }
        return new TrainingResult(models, members, run.History, false, secondsBefore + clock.Elapsed.TotalSeconds, run.SamplesPerSecond);
    }

    private sealed record MemberOutcome(nn.Module<Tensor, Tensor> Network, MemberResult Result, bool Interrupted);

    /// <summary>Running totals across members and sessions.</summary>
    private sealed class RunTotals(List<EpochRecord> history, long samples, double trainSeconds)
    {
        public List<EpochRecord> History { get; } = history;
        public long Samples { get; set; } = samples;
        public double TrainSeconds { get; set; } = trainSeconds;
        public double SamplesPerSecond => TrainSeconds > 0 ? Samples / TrainSeconds : 0;
    }

    private MemberOutcome TrainMember(int member, Checkpoint checkpoint, CheckpointState? resume, RunTotals run, Stopwatch clock, CancellationToken cancel)
    {
        manual_seed(options.Seed + 1_000_003L * member);
        var network = task.CreateNetwork();
        var images = MemberImages(member);
        using var optimizer = OptimizerFactory.Create(network, options);
        int stepsPerEpoch = (images.Count + options.BatchSize - 1) / options.BatchSize;
        var schedule = new LearningRateSchedule(options, stepsPerEpoch);

        int epoch = 0, step = 0, bestEpoch = -1, sinceBest = 0;
        long globalStep = 0;
        double bestMetric = double.NegativeInfinity, lossSum = 0;
        long lossSamples = 0;
        Dictionary<string, Tensor>? best = null;
        if (resume is not null)
        {
            checkpoint.Restore(network, optimizer);
            best = checkpoint.ReadBest();
            (epoch, step, globalStep, bestMetric, bestEpoch, sinceBest, lossSum, lossSamples) =
                (resume.Epoch, resume.Step, resume.GlobalStep, resume.BestMetric, resume.BestEpoch, resume.EpochsWithoutBest, resume.EpochSamples > 0 ? resume.EpochLossSum : 0, resume.EpochSamples);
        }

        CheckpointState State(int atEpoch, int atStep, bool memberDone = false) => new()
        {
            Settings = Settings, Member = member, Epoch = atEpoch, Step = atStep, GlobalStep = globalStep,
            EpochLossSum = lossSum, EpochSamples = lossSamples, BestMetric = bestMetric, BestEpoch = bestEpoch,
            EpochsWithoutBest = sinceBest, Seconds = run.TrainSeconds, SamplesSeen = run.Samples,
            History = run.History, MemberDone = memberDone,
        };

        bool stoppedEarly = false;
        for (; epoch < options.Epochs; epoch++, step = 0, lossSum = 0, lossSamples = 0)
        {
            var epochClock = Stopwatch.StartNew();
            double epochTrainSeconds = 0;
            long epochSamples = 0;
            network.train();
            using (var loader = new BatchLoader(_encoder, images, EpochOrder(member, epoch, images.Count), options.BatchSize, epoch,
                       augment: true, options.LoaderWorkers, firstBatch: step, Skipped))
            {
                var stepClock = Stopwatch.StartNew();
                foreach (var batch in loader.Batches())
                {
                    double rate = schedule.At(globalStep);
                    int count = batch.Count;
                    double loss;
                    using (batch)
                    using (NewDisposeScope())
                    {
                        _quiet.SafePoint();
                        OptimizerFactory.SetLearningRate(optimizer, rate);
                        optimizer.zero_grad();
                        var total = StepLoss(network, batch);
                        loss = total.item<float>();
                        if (!double.IsFinite(loss))
                            throw new TrainingDivergedException(
                                $"the training loss became {(double.IsNaN(loss) ? "NaN" : "infinite")} at epoch {epoch + 1}, step {step + 1} with learning rate {rate:G3}; lower --lr (or check the labels)");
                        total.backward();
                        optimizer.step();
                    }
                    lossSum += loss * count;
                    lossSamples += count;
                    epochSamples += count;
                    step++;
                    globalStep++;
                    StepDone?.Invoke(new StepProgress(member, options.Ensemble, epoch, options.Epochs, step, stepsPerEpoch, loss, rate));
                    if (cancel.IsCancellationRequested)
                    {
                        run.Samples += epochSamples;
                        run.TrainSeconds += stepClock.Elapsed.TotalSeconds;
                        checkpoint.Save(State(epoch, step), network, optimizer, best);
                        if (best is not null) Load(network, best);
                        network.eval();
                        return new MemberOutcome(network, MemberSummary(member, run.History), true);
                    }
                }
                epochTrainSeconds = stepClock.Elapsed.TotalSeconds;
            }
            run.Samples += epochSamples;
            run.TrainSeconds += epochTrainSeconds;

            var validation = Validate(network);
            if (!double.IsFinite(validation.Loss))
                throw new TrainingDivergedException(
                    $"the validation loss became {(double.IsNaN(validation.Loss) ? "NaN" : "infinite")} after epoch {epoch + 1} (the weights diverged; last learning rate {schedule.At(globalStep - 1):G3}); lower --lr (or check the labels)");
            bool improved = validation.Metric > bestMetric;
            if (improved)
            {
                DisposeAll(best);
                best = Snapshot(network);
                bestMetric = validation.Metric;
                bestEpoch = epoch;
                sinceBest = 0;
            }
            else sinceBest++;
            var record = new EpochRecord(member, epoch, lossSamples > 0 ? lossSum / lossSamples : double.NaN, validation.Loss, validation.Metric,
                validation.Metrics, schedule.At(Math.Max(0, globalStep - 1)), epochClock.Elapsed.TotalSeconds,
                epochTrainSeconds > 0 ? epochSamples / epochTrainSeconds : 0, improved);
            run.History.Add(record);
            EpochDone?.Invoke(record, run.History);
            lossSum = 0;
            lossSamples = 0;
            bool stop = options.Patience > 0 && sinceBest >= options.Patience;
            checkpoint.Save(State(epoch + 1, 0), network, optimizer, best);
            if (stop)
            {
                stoppedEarly = epoch + 1 < options.Epochs;
                break;
            }
        }

        if (best is not null) Load(network, best);
        network.eval();
        checkpoint.SaveMember(member, Snapshot(network));
        checkpoint.Save(State(options.Epochs, 0, memberDone: true), network, optimizer, best);
        DisposeAll(best);
        var result = MemberSummary(member, run.History) with { StoppedEarly = stoppedEarly };
        return new MemberOutcome(network, result, false);
    }

    /// <summary>The mean loss of a step: the task's loss on the (noisy) batch, or half clean and half FGSM, plus the L1 penalty.</summary>
    private Tensor StepLoss(nn.Module<Tensor, Tensor> network, Batch batch)
    {
        var images = options.InputNoise > 0 ? _perturbation.Noise(batch.Images, options.InputNoise) : batch.Images;
        Tensor loss;
        if (options.AdversarialEpsilon > 0)
        {
            var input = images.detach().requires_grad_(true);
            using var withInput = batch.WithImages(input);
            var clean = task.Loss(network, withInput);
            var gradient = torch.autograd.grad([clean], [input], retain_graph: true)[0];
            var adversarial = _perturbation.Adversarial(input.detach(), gradient, options.AdversarialEpsilon);
            using var withAdversarial = batch.WithImages(adversarial);
            loss = 0.5 * clean + 0.5 * task.Loss(network, withAdversarial);
        }
        else
        {
            using var withImages = batch.WithImages(images);
            loss = task.Loss(network, withImages);
        }
        if (options.L1 > 0)
        {
            var penalty = network.parameters().Where(p => p.requires_grad && p.dim() > 1).Select(p => p.abs().sum()).Aggregate((a, b) => a + b);
            loss = loss + options.L1 * penalty;
        }
        return loss;
    }

    /// <summary>Keeps collections out of TorchSharp calls during <see cref="Train"/> (see <see cref="NoCollectionRegion"/>).</summary>
    private readonly NoCollectionRegion _quiet = new();

    private ValidationResult Validate(nn.Module<Tensor, Tensor> network)
    {
        network.eval();
        try
        {
            using var noGradient = no_grad();
            var pass = task.StartValidation(network);
            using var loader = new BatchLoader(_encoder, data.Validation, Enumerable.Range(0, data.Validation.Count).ToArray(),
                options.BatchSize, epoch: 0, augment: false, options.LoaderWorkers, skipped: Skipped);
            foreach (var batch in loader.Batches())
                using (batch)
                using (NewDisposeScope())
                {
                    _quiet.SafePoint();
                    pass.Add(batch);
                }
            return pass.Finish();
        }
        finally
        {
            network.train();
        }
    }

    /// <summary>All training images, or for an ensemble member a bootstrap sample of as many, drawn with replacement.</summary>
    private IReadOnlyList<DatasetImage> MemberImages(int member)
    {
        if (options.Ensemble <= 1) return data.Train;
        var random = new Random(Seeds.Combine(options.Seed, member, -1));
        return Enumerable.Range(0, data.Train.Count).Select(_ => data.Train[random.Next(data.Train.Count)]).ToList();
    }

    private int[] EpochOrder(int member, int epoch, int count)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(Seeds.Combine(options.Seed, member, epoch)).Shuffle(order);
        return order;
    }

    private static MemberResult MemberSummary(int member, IReadOnlyList<EpochRecord> history)
    {
        var records = history.Where(r => r.Member == member).ToList();
        var best = records.Where(r => r.Best).LastOrDefault();
        var validation = best is null
            ? new ValidationResult(double.NaN, double.NaN, new Dictionary<string, double>())
            : new ValidationResult(best.ValidationLoss, best.ValidationMetric, best.ValidationMetrics);
        return new MemberResult(member, best?.Epoch ?? -1, validation, records.Count, false);
    }

    private static Dictionary<string, Tensor> Snapshot(nn.Module network) =>
        network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());

    private static void Load(nn.Module network, Dictionary<string, Tensor> weights)
    {
        using var noGradient = no_grad();
        network.load_state_dict(weights);
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null) return;
        foreach (var t in tensors.Values) t.Dispose();
    }
}

/// <summary>Seeds of the loop's random draws, mixed so that nearby inputs give unrelated streams.</summary>
internal static class Seeds
{
    /// <summary>A fixed mix (HashCode is randomised per process, and runs must repeat across processes).</summary>
    public static int Combine(int seed, int a, int b)
    {
        ulong x = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)a * 0xBF58476D1CE4E5B9UL ^ (ulong)(uint)b * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        x *= 0xD6E8FEB86659FD93UL;
        x ^= x >> 32;
        return (int)(x & 0x7FFFFFFF);
    }
}
