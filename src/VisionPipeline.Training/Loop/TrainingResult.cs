using TorchSharp;
using VisionPipeline.Training.Tasks;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Loop;

/// <summary>Progress within an epoch: the step just done and its loss.</summary>
public sealed record StepProgress(int Member, int Members, int Epoch, int Epochs, int Step, int Steps, double Loss, double LearningRate);

/// <summary>How one model of the run ended: its best epoch (0-based) and the validation there.</summary>
public sealed record MemberResult(int Member, int BestEpoch, ValidationResult Best, int EpochsRun, bool StoppedEarly);

/// <summary>What a run produced: the trained models with their best weights restored, and the record of how it went.</summary>
public sealed class TrainingResult(IReadOnlyList<nn.Module<Tensor, Tensor>> models, IReadOnlyList<MemberResult> members,
    IReadOnlyList<EpochRecord> history, bool interrupted, double seconds, double samplesPerSecond) : IDisposable
{
    /// <summary>The finished models (one, or the ensemble's members), in eval mode with their best weights.</summary>
    public IReadOnlyList<nn.Module<Tensor, Tensor>> Models { get; } = models;

    public IReadOnlyList<MemberResult> Members { get; } = members;
    public IReadOnlyList<EpochRecord> History { get; } = history;

    /// <summary>Stopped by a cancellation (Ctrl-C) before the end; the checkpoint can resume it.</summary>
    public bool Interrupted { get; } = interrupted;

    /// <summary>Wall time of the run (all sessions of a resumed run together).</summary>
    public double Seconds { get; } = seconds;

    /// <summary>Training samples per second over the training steps (validation not counted).</summary>
    public double SamplesPerSecond { get; } = samplesPerSecond;

    public void Dispose()
    {
        foreach (var model in Models) model.Dispose();
    }
}

/// <summary>The loss stopped being a finite number: the run cannot go on.</summary>
public sealed class TrainingDivergedException(string message) : VisionPipeline.Core.Errors.VisionException(null, message);
