namespace VisionPipeline.Datasets.Masks;

/// <summary>
/// Box IoU exactly as maskApi.c bbIou computes it (same operations in the same order): against a crowd
/// ground truth the union is the detection's own area.
/// </summary>
public static class BoxIou
{
    public static double Compute(BoxXywh detection, BoxXywh groundTruth, bool groundTruthIsCrowd)
    {
        var ga = groundTruth.Width * groundTruth.Height;
        var da = detection.Width * detection.Height;
        var w = CMin(detection.Width + detection.X, groundTruth.Width + groundTruth.X) - CMax(detection.X, groundTruth.X);
        if (w <= 0) return 0;
        var h = CMin(detection.Height + detection.Y, groundTruth.Height + groundTruth.Y) - CMax(detection.Y, groundTruth.Y);
        if (h <= 0) return 0;
        var i = w * h;
        var u = groundTruthIsCrowd ? da : da + ga - i;
        return i / u;
    }

    // C's fmin/fmax: a NaN argument yields the other one.
    private static double CMin(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Min(a, b);
    private static double CMax(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Max(a, b);

    /// <summary>IoU of every detection with every ground truth, indexed [detection, groundTruth] like pycocotools' iou().</summary>
    public static double[,] Compute(IReadOnlyList<BoxXywh> detections, IReadOnlyList<BoxXywh> groundTruths, IReadOnlyList<bool> crowd)
    {
        var result = new double[detections.Count, groundTruths.Count];
        for (var g = 0; g < groundTruths.Count; g++)
            for (var d = 0; d < detections.Count; d++)
                result[d, g] = Compute(detections[d], groundTruths[g], crowd[g]);
        return result;
    }
}
