namespace VisionPipeline.Training.Loop;

/// <summary>
/// Where a run stands, saved with the weights so that <c>--resume</c> continues exactly: the model being trained,
/// the next step, the early-stopping bookkeeping, the running loss of the epoch in progress and the history.
/// </summary>
public sealed record CheckpointState
{
    /// <summary>The settings the run was started with, in the form training.json writes; a resume must match them.</summary>
    public required string Settings { get; init; }

    public int Member { get; init; }
    public int Epoch { get; init; }

    /// <summary>Batches of <see cref="Epoch"/> already done.</summary>
    public int Step { get; init; }

    public long GlobalStep { get; init; }
    public double EpochLossSum { get; init; }
    public long EpochSamples { get; init; }
    public double BestMetric { get; init; } = double.NegativeInfinity;
    public int BestEpoch { get; init; } = -1;
    public int EpochsWithoutBest { get; init; }
    public double Seconds { get; init; }
    public long SamplesSeen { get; init; }
    public List<EpochRecord> History { get; init; } = [];

    /// <summary>The member finished (its best weights are saved); the next one starts from scratch.</summary>
    public bool MemberDone { get; init; }
}
