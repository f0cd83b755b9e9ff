namespace VisionPipeline.Augmentation.DatasetRuns;

/// <summary>
/// What an augmentation run did. Every input annotation of every copy is either kept or dropped (its visible
/// share fell below min_visibility, or nothing of it stayed in the image); mosaic adds objects of other images.
/// </summary>
public sealed record AugmentSummary(
    int SourceImages, int ImagesWritten, int FailedImages,
    long AnnotationsIn, long Kept, long Dropped, long AddedByMosaic,
    IReadOnlyList<string> Failures);
