using OpenCvSharp;

namespace VisionPipeline.Core.Targets;

/// <summary>
/// A binary mask (CV_8UC1, 0 or 255) at the frame's size. The target owns the Mat and disposes it.
/// </summary>
public sealed class MaskTarget(string node, string label, Mat mask) : IDisposable
{
    public string Node { get; } = node;
    public string Label { get; } = label;
    public Mat Mask { get; } = mask;

    /// <summary>Number of pixels inside the mask.</summary>
    public int Area { get; } = Cv2.CountNonZero(mask);

    /// <summary>For instance masks: the detection's score and box in frame pixels.</summary>
    public float? Score { get; init; }
    public Geometry.BoxF? Box { get; init; }

    /// <summary>For semantic masks: the model's class (output channel) this mask is, so label maps can be rebuilt.</summary>
    public int? ClassIndex { get; init; }

    public void Dispose() => Mask.Dispose();
}
