namespace VisionPipeline.Evaluation.Detection.Voc;

/// <summary>How the precision/recall curve becomes one number.</summary>
public enum VocInterpolation
{
    /// <summary>VOC2010 and later: area under the precision envelope at every recall change.</summary>
    AllPoints,

    /// <summary>VOC2007: mean of the best precision at recall ≥ 0, 0.1, …, 1.</summary>
    ElevenPoints,
}

/// <summary>The PASCAL VOC devkit's average precision (VOCevaldet.m) from a ranked list's precision and recall.</summary>
public static class VocAveragePrecision
{
    public static double FromCurve(ReadOnlySpan<double> recall, ReadOnlySpan<double> precision, VocInterpolation interpolation) =>
        interpolation == VocInterpolation.AllPoints ? AllPoints(recall, precision) : ElevenPoints(recall, precision);

    private static double ElevenPoints(ReadOnlySpan<double> recall, ReadOnlySpan<double> precision)
    {
        double ap = 0;
        for (int i = 0; i <= 10; i++)
        {
            double t = i * 0.1; // np.arange(0., 1.1, 0.1): 0.30000000000000004, not 0.3
            double best = 0;
            for (int j = 0; j < recall.Length; j++)
                if (recall[j] >= t && precision[j] > best) best = precision[j];
            ap += best / 11;
        }
        return ap;
    }

    private static double AllPoints(ReadOnlySpan<double> recall, ReadOnlySpan<double> precision)
    {
        int n = recall.Length;
        var mrec = new double[n + 2];
        var mpre = new double[n + 2];
        recall.CopyTo(mrec.AsSpan(1));
        precision.CopyTo(mpre.AsSpan(1));
        mrec[n + 1] = 1;
        for (int i = n; i >= 0; i--) mpre[i] = Math.Max(mpre[i], mpre[i + 1]);
        // np.sum over the recall steps, with numpy's pairwise summation.
        var terms = new List<double>(n + 1);
        for (int i = 1; i < n + 2; i++)
            if (mrec[i] != mrec[i - 1]) terms.Add((mrec[i] - mrec[i - 1]) * mpre[i]);
        return Numerics.NumpyArithmetic.Sum(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(terms));
    }
}
