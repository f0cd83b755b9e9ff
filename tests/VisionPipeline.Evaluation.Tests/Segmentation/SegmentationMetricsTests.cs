using OpenCvSharp;
using VisionPipeline.Evaluation.Segmentation;

namespace VisionPipeline.Evaluation.Tests.Segmentation;

/// <summary>Segmentation metrics on label maps small enough to count by hand.</summary>
public class SegmentationMetricsTests
{
    private static Mat Labels(byte[,] values)
    {
        var mat = new Mat(values.GetLength(0), values.GetLength(1), MatType.CV_8UC1);
        for (int y = 0; y < values.GetLength(0); y++)
            for (int x = 0; x < values.GetLength(1); x++) mat.Set(y, x, values[y, x]);
        return mat;
    }

    [Fact]
    public void Every_metric_matches_the_hand_count_and_an_absent_class_is_null()
    {
        // Valid pixel pairs (truth, prediction): (0,0) (0,1) (1,1) (1,1) (2,0); one ignored pixel; class 3 absent.
        using var truth = Labels(new byte[,] { { 0, 0, 1 }, { 1, 255, 2 } });
        using var predicted = Labels(new byte[,] { { 0, 1, 1 }, { 1, 3, 0 } });
        var confusion = new SegmentationConfusion(4);
        confusion.Add(truth, predicted);
        var m = SegmentationMetrics.From(confusion);

        Assert.Equal(1.0 / 3, m.PerClassIou[0]!.Value, 12);
        Assert.Equal(2.0 / 3, m.PerClassIou[1]!.Value, 12);
        Assert.Equal(0, m.PerClassIou[2]);
        Assert.Null(m.PerClassIou[3]);
        Assert.Equal(1.0 / 3, m.MeanIou!.Value, 12);
        Assert.Equal(0.6, m.PixelAccuracy!.Value, 12);
        Assert.Equal(0.5, m.MeanClassAccuracy!.Value, 12);
        Assert.Equal(0.4, m.FrequencyWeightedIou!.Value, 12);
        Assert.Equal([0.5, 0.8, 0.0, null], m.PerClassDice.Select(d => d is { } v ? Math.Round(v, 12) : (double?)null));
    }

    [Fact]
    public void The_matrix_accumulates_over_images_and_rejects_labels_beyond_the_class_count()
    {
        var confusion = new SegmentationConfusion(2);
        using var ones = new Mat(300, 400, MatType.CV_8UC1, Scalar.All(1));
        confusion.Add(ones, ones);
        confusion.Add(ones, ones);
        Assert.Equal(240_000, confusion[1, 1]);
        using var bad = new Mat(300, 400, MatType.CV_8UC1, Scalar.All(2));
        var e = Assert.Throws<LabelMapException>(() => confusion.Add(ones, bad));
        Assert.Contains("label 2", e.Message);
        Assert.False(e.InGroundTruth, "a bad label in the prediction was blamed on the ground truth");
        var truthFault = Assert.Throws<LabelMapException>(() => confusion.Add(bad, ones));
        Assert.True(truthFault.InGroundTruth, "a bad label in the ground truth was blamed on the prediction");
        Assert.Equal(240_000, confusion[1, 1]);
    }

    [Fact]
    public void Means_are_numpys_pairwise_sums_to_the_last_bit()
    {
        // Class c < 9 has n[c] truth pixels, one predicted c and the rest predicted 9: IoU and accuracy 1/n[c], class 9 IoU 0.
        // Expected values printed by numpy's pairwise summation (np.mean); a left-to-right sum ends one bit off.
        int[] n = [4, 3, 9, 7, 1, 2, 3, 1, 5];
        var truthRow = new List<byte>();
        var predictedRow = new List<byte>();
        for (int c = 0; c < n.Length; c++)
            for (int i = 0; i < n[c]; i++) { truthRow.Add((byte)c); predictedRow.Add((byte)(i == 0 ? c : 9)); }
        using var truth = Labels(ToRow(truthRow));
        using var predicted = Labels(ToRow(predictedRow));
        var confusion = new SegmentationConfusion(10);
        confusion.Add(truth, predicted);
        var m = SegmentationMetrics.From(confusion);
        Assert.True(m.MeanIou == 0.387063492063492, $"mIoU {m.MeanIou:R}, numpy gives 0.387063492063492");
        Assert.True(m.MeanClassAccuracy == 0.43007054673721334, $"mean class accuracy {m.MeanClassAccuracy:R}, numpy gives 0.43007054673721334");
    }

    private static byte[,] ToRow(List<byte> values)
    {
        var row = new byte[1, values.Count];
        for (int i = 0; i < values.Count; i++) row[0, i] = values[i];
        return row;
    }
}
