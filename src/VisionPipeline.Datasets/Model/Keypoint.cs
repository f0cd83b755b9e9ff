namespace VisionPipeline.Datasets;

/// <summary>
/// One COCO keypoint: position in pixels and visibility (0 not labelled, 1 labelled but hidden, 2 visible).
/// Visibility is kept as a double because result files may put a confidence there.
/// </summary>
public readonly record struct Keypoint(double X, double Y, double Visibility);
