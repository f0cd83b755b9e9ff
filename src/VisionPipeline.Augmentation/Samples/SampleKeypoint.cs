namespace VisionPipeline.Augmentation.Samples;

/// <summary>
/// A keypoint in continuous pixel coordinates (pixel edges on integers, so the centre of pixel (0, 0) is (0.5, 0.5)),
/// with COCO visibility: 0 not labelled (or moved out of the image), 1 labelled but hidden, 2 visible.
/// </summary>
public readonly record struct Keypoint(float X, float Y, int Visibility = 2)
{
    public static Keypoint Unlabeled { get; } = new(0, 0, 0);

    public bool IsLabeled => Visibility > 0;
}
