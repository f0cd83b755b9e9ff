namespace VisionPipeline.Augmentation.Transforms;

/// <summary>
/// The parameters one transform sampled for one call: a small record, serialisable to JSON, that replays the call
/// exactly when given back to the same transform.
/// </summary>
public abstract record TransformParams;

/// <summary>For transforms that sample nothing (a flip, grey conversion).</summary>
public sealed record NoParams : TransformParams
{
    public static NoParams Instance { get; } = new();
}
