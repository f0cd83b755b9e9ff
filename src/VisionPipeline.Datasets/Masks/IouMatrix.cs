namespace VisionPipeline.Datasets.Masks;

/// <summary>All detection × ground-truth IoUs, indexed [detection, groundTruth] like pycocotools' iou().</summary>
internal static class IouMatrix
{
    public static double[,] Build<T>(IReadOnlyList<T> detections, IReadOnlyList<T> groundTruths, IReadOnlyList<bool> crowd,
        Func<T, T, bool, double> iou)
    {
        if (crowd.Count != groundTruths.Count)
            throw new ArgumentException($"{crowd.Count} crowd flags for {groundTruths.Count} ground truths", nameof(crowd));
        var result = new double[detections.Count, groundTruths.Count];
        for (var g = 0; g < groundTruths.Count; g++)
            for (var d = 0; d < detections.Count; d++)
                result[d, g] = iou(detections[d], groundTruths[g], crowd[g]);
        return result;
    }
}
