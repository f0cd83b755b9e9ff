namespace VisionPipeline.Augmentation.Warps;

/// <summary>
/// When an object survives a geometric transform: its box, clipped to the image, must keep at least
/// <see cref="MinVisibility"/> of the area it had unclipped, and at least <see cref="MinArea"/> square pixels.
/// </summary>
public sealed record TargetRules(double MinVisibility = 0, double MinArea = 1)
{
    public static TargetRules Default { get; } = new();
}
