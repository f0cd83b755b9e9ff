namespace VisionPipeline.Augmentation.DatasetRuns;

/// <summary>How a data set is augmented: copies per image, the seed, images in flight, preview samples kept.</summary>
public sealed record AugmentOptions(int Copies, ulong Seed, int Workers, int PreviewCount = 0);
