namespace VisionPipeline.Augmentation.Samples;

/// <summary>
/// A sample's keypoint as the warps move it: continuous pixel coordinates (pixel edges on integers, so the centre of
/// pixel (0, 0) is (0.5, 0.5)), with COCO visibility: 0 not labelled (or moved out of the image), 1 labelled but
/// hidden, 2 visible. A data set's own <see cref="Datasets.Keypoint"/> keeps what the file said; SampleConversion
/// converts between them.
/// </summary>
public readonly record struct SampleKeypoint(float X, float Y, int Visibility = 2)
{
    public static SampleKeypoint Unlabeled { get; } = new(0, 0, 0);

    public bool IsLabeled => Visibility > 0;
}
