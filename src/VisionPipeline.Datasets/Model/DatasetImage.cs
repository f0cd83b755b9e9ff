namespace VisionPipeline.Datasets;

/// <summary>
/// One image of a dataset: where it is (relative to <see cref="Dataset.ImageRoot"/>, '/' separated), its size,
/// and what is labelled in it.
/// </summary>
public sealed record DatasetImage(long Id, string FilePath, int Width, int Height, IReadOnlyList<Annotation> Annotations)
{
    /// <summary>Split the image belongs to (YOLO's train/val/test); null when the format has none.</summary>
    public string? Split { get; init; }

    /// <summary>Whole-image class (ImageFolder); a <see cref="Category.Id"/>.</summary>
    public long? ClassId { get; init; }

    /// <summary>Semantic label map (mask-PNG folders): path relative to <see cref="Dataset.ImageRoot"/>, pixel = category id.</summary>
    public string? MaskPath { get; init; }
}
