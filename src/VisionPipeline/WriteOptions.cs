using VisionPipeline.Graph.Runs;

namespace VisionPipeline;

/// <summary>How a run that writes its outputs treats the output folder.</summary>
public sealed record WriteOptions
{
    /// <summary>Skip images already in the output's results.jsonl (or the .partial of a stopped run).</summary>
    public bool Resume { get; init; }

    /// <summary>Process only this shard of the images (join the shards' outputs with `vision merge`).</summary>
    public Shard? Shard { get; init; }
}
