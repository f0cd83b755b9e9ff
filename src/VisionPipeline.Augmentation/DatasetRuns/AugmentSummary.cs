namespace VisionPipeline.Augmentation.DatasetRuns;

/// <summary>
/// What an augmentation run did. Every annotation of every written copy's source is either kept or dropped (its
/// visible share fell below min_visibility, or nothing of it stayed in the image); mosaic adds objects of other
/// images. Copies of images that failed are not counted.
/// </summary>
public sealed record AugmentSummary(
    int SourceImages, int ImagesWritten, int FailedImages,
    long AnnotationsIn, long Kept, long Dropped, long AddedByMosaic,
    IReadOnlyList<string> Failures);
