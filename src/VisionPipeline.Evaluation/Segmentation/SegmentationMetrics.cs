using System.Runtime.InteropServices;
using VisionPipeline.Evaluation.Numerics;

namespace VisionPipeline.Evaluation.Segmentation;

/// <summary>
/// Semantic segmentation metrics from one accumulated confusion matrix. A class absent from both ground truth and
/// prediction has a null IoU and Dice and stays out of every mean. Means are numpy's (pairwise summation), as
/// <c>np.nanmean</c> over the per-class arrays computes them.
/// </summary>
public sealed record SegmentationMetrics(
    double? MeanIou,
    double? PixelAccuracy,
    double? MeanClassAccuracy,
    double? FrequencyWeightedIou,
    IReadOnlyList<double?> PerClassIou,
    IReadOnlyList<double?> PerClassDice,
    double? MeanDice)
{
    public static SegmentationMetrics From(SegmentationConfusion confusion)
    {
        int k = confusion.ClassCount;
        var iou = new double?[k];
        var dice = new double?[k];
        var classAccuracies = new List<double>();
        long total = 0, correct = 0;
        var truthPixels = new long[k];
        for (int c = 0; c < k; c++)
        {
            long tp = confusion[c, c], fn = 0, fp = 0;
            for (int j = 0; j < k; j++)
            {
                if (j == c) continue;
                fn += confusion[c, j];
                fp += confusion[j, c];
            }
            truthPixels[c] = tp + fn;
            total += tp + fn;
            correct += tp;
            long union = tp + fp + fn;
            if (union > 0)
            {
                iou[c] = (double)tp / union;
                dice[c] = 2.0 * tp / (2.0 * tp + fp + fn);
            }
            if (tp + fn > 0) classAccuracies.Add((double)tp / (tp + fn));
        }
        double? fwiou = null;
        if (total > 0)
        {
            double sum = 0;
            for (int c = 0; c < k; c++)
                if (truthPixels[c] > 0) sum += (double)truthPixels[c] / total * iou[c]!.Value;
            fwiou = sum;
        }
        return new SegmentationMetrics(
            MeanOf(iou),
            total == 0 ? null : (double)correct / total,
            classAccuracies.Count == 0 ? null : NumpyArithmetic.Mean(CollectionsMarshal.AsSpan(classAccuracies)),
            fwiou,
            iou, dice, MeanOf(dice));
    }

    private static double? MeanOf(double?[] values)
    {
        var defined = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        return defined.Length == 0 ? null : NumpyArithmetic.Mean(defined);
    }
}
