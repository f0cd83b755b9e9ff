using VisionPipeline.Augmentation.Transforms;
using VisionPipeline.Datasets;

namespace VisionPipeline.Augmentation.DatasetRuns;

/// <summary>
/// One augmented copy as written to the staging folder: its entry (annotation ids not yet final), how many
/// annotations its source had, and how many of them were kept or dropped, and how many a mosaic added.
/// </summary>
internal sealed record AugmentedImage(DatasetImage Image, string Source, int Copy, int SourceAnnotations, int Kept, int Dropped, int Added,
    IReadOnlyList<AppliedStep> Steps);
