using VisionPipeline.Augmentation.Transforms;
using VisionPipeline.Datasets;

namespace VisionPipeline.Augmentation.DatasetRuns;

/// <summary>One augmented copy as written to the staging folder: its entry (annotation ids not yet final) and counts.</summary>
internal sealed record AugmentedImage(DatasetImage Image, string Source, int Copy, int Kept, int Dropped, int Added, IReadOnlyList<AppliedStep> Steps);
