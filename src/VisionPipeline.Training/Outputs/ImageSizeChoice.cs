using VisionPipeline.Datasets;
using VisionPipeline.Training.Tasks;

namespace VisionPipeline.Training.Outputs;

/// <summary>
/// The input size when none is given: the median longer side of the training images rounded up to a multiple of
/// 32, within 32–224 for classification and 64–320 for detection and segmentation (small objects need pixels).
/// </summary>
public static class ImageSizeChoice
{
    public static int For(TaskKind task, IReadOnlyList<DatasetImage> images)
    {
        var sides = images.Select(i => Math.Max(i.Width, i.Height)).Where(s => s > 0).Order().ToList();
        int median = sides.Count == 0 ? 224 : sides[sides.Count / 2];
        int rounded = (median + 31) / 32 * 32;
        return task == TaskKind.Classify ? Math.Clamp(rounded, 32, 224) : Math.Clamp(rounded, 64, 320);
    }
}
