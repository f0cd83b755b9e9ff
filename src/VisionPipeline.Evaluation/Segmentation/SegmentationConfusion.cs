using OpenCvSharp;

namespace VisionPipeline.Evaluation.Segmentation;

/// <summary>
/// One confusion matrix (rows ground truth, columns prediction) accumulated over every pixel of every image;
/// pixels whose ground truth is the ignore index are skipped. The counting runs inside OpenCV: each pixel's
/// (truth, prediction) pair becomes one 16-bit code truth·K + prediction, histogrammed under the not-ignored mask.
/// </summary>
public sealed class SegmentationConfusion
{
    // calcHist counts in float: keep every call's pixel count below 2^24 so every count is exact.
    private const int MaxPixelsPerHistogram = 1 << 24;

    private readonly long[] _counts;

    public SegmentationConfusion(int classCount, int ignoreIndex = 255)
    {
        if (classCount < 1 || classCount > 256) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "between 1 and 256 classes");
        ClassCount = classCount;
        IgnoreIndex = ignoreIndex;
        _counts = new long[classCount * classCount];
    }

    public int ClassCount { get; }
    public int IgnoreIndex { get; }

    public long this[int truth, int predicted] => _counts[truth * ClassCount + predicted];

    /// <summary>Adds one image. Both maps are 8-bit single-channel label maps of the same size.</summary>
    /// <exception cref="LabelMapException">a size mismatch (blamed on the prediction), or a label outside 0..K-1
    /// (other than the ignore index in the truth), saying which of the two maps is at fault</exception>
    public void Add(Mat truth, Mat predicted)
    {
        if (truth.Type() != MatType.CV_8UC1) throw new LabelMapException(true, "label maps must be 8-bit single-channel");
        if (predicted.Type() != MatType.CV_8UC1) throw new LabelMapException(false, "label maps must be 8-bit single-channel");
        if (truth.Size() != predicted.Size())
            throw new LabelMapException(false, $"prediction is {predicted.Width}×{predicted.Height} but the ground truth is {truth.Width}×{truth.Height}");

        using var valid = new Mat();
        Cv2.Compare(truth, new Scalar(IgnoreIndex), valid, CmpTypes.NE);
        CheckRange(truth, valid, inGroundTruth: true);
        CheckRange(predicted, valid, inGroundTruth: false);

        using var code = new Mat();
        truth.ConvertTo(code, MatType.CV_16UC1, ClassCount);
        using (var p16 = new Mat())
        {
            predicted.ConvertTo(p16, MatType.CV_16UC1);
            Cv2.Add(code, p16, code);
        }

        int width = truth.Width, height = truth.Height;
        int bandRows = Math.Max(1, MaxPixelsPerHistogram / Math.Max(1, width));
        for (int y = 0; y < height; y += bandRows)
        {
            var rows = new Rect(0, y, width, Math.Min(bandRows, height - y));
            using var codeBand = new Mat(code, rows);
            using var validBand = new Mat(valid, rows);
            using var hist = new Mat();
            Cv2.CalcHist([codeBand], [0], validBand, hist, 1, [_counts.Length], [new Rangef(0, _counts.Length)]);
            for (int i = 0; i < _counts.Length; i++) _counts[i] += (long)hist.At<float>(i);
        }
    }

    private void CheckRange(Mat labels, Mat valid, bool inGroundTruth)
    {
        Cv2.MinMaxLoc(labels, out _, out double max, out _, out _, valid);
        if (max >= ClassCount)
            throw new LabelMapException(inGroundTruth, $"{(inGroundTruth ? "ground truth" : "prediction")} has label {max} but there are {ClassCount} classes (0..{ClassCount - 1}, ignore {IgnoreIndex})");
    }
}

/// <summary>A label map <see cref="SegmentationConfusion"/> cannot count; <see cref="InGroundTruth"/> says which map is at fault.</summary>
public sealed class LabelMapException(bool inGroundTruth, string message) : ArgumentException(message)
{
    public bool InGroundTruth { get; } = inGroundTruth;
}
