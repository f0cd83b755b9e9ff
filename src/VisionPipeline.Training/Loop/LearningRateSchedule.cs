namespace VisionPipeline.Training.Loop;

/// <summary>The learning rate at each step: linear warm-up, then cosine decay to zero, step decay, or constant.</summary>
public sealed class LearningRateSchedule(TrainerOptions options, int stepsPerEpoch)
{
    private readonly double _warmupSteps = Math.Max(0, options.WarmupEpochs * stepsPerEpoch);
    private readonly double _totalSteps = Math.Max(1, (double)options.Epochs * stepsPerEpoch);

    /// <summary>The rate for step <paramref name="step"/> (counted from 0 over the whole run).</summary>
    public double At(long step)
    {
        double peak = options.LearningRate;
        if (step < _warmupSteps) return peak * (step + 1) / _warmupSteps;
        return options.Schedule switch
        {
            ScheduleKind.Cosine => peak * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, (step - _warmupSteps) / Math.Max(1, _totalSteps - _warmupSteps)))),
            ScheduleKind.Step => peak * Math.Pow(options.StepGamma, Math.Floor(step / (double)stepsPerEpoch / Math.Max(1, options.StepEpochs))),
            _ => peak,
        };
    }
}
