namespace VisionPipeline.Graph.Running;

public sealed record ModelTiming(string Model, string Engine, long Runs, TimeSpan Total);

public sealed record RunSummary
{
    public required int Total { get; init; }
    public required int Processed { get; init; }
    public required IReadOnlyList<(string Image, string Error)> Failures { get; init; }
    public required TimeSpan Wall { get; init; }
    public required int Workers { get; init; }
    public required IReadOnlyList<ModelTiming> Models { get; init; }
    public required IReadOnlyDictionary<string, TimeSpan> Nodes { get; init; }
    public bool Cancelled { get; init; }

    public int Failed => Failures.Count;
    public int Succeeded => Processed - Failed;
    public double ImagesPerSecond => Wall.TotalSeconds > 0 ? Processed / Wall.TotalSeconds : 0;
}
