namespace VisionPipeline.Training.Loop;

/// <summary>One epoch of one model (a line of metrics.jsonl).</summary>
public sealed record EpochRecord(int Member, int Epoch, double TrainLoss, double ValidationLoss, double ValidationMetric,
    IReadOnlyDictionary<string, double> ValidationMetrics, double LearningRate, double Seconds, double SamplesPerSecond, bool Best);
