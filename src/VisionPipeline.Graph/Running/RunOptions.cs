namespace VisionPipeline.Graph.Running;

public sealed record RunOptions
{
    /// <summary>Images processed at once; 0 picks one per core, at most 4.</summary>
    public int Workers { get; init; }

    public bool WriteAnnotated { get; init; } = true;

    public static int DefaultWorkers => Math.Clamp(Environment.ProcessorCount, 1, 4);

    public int EffectiveWorkers => Workers > 0 ? Workers : DefaultWorkers;
}

public readonly record struct RunProgress(int Done, int Total, int Failed);
