namespace VisionPipeline.Augmentation.Transforms.Geometric;

/// <summary>The rectangle cut from the input, in pixels.</summary>
public sealed record CropParams(int X, int Y, int Width, int Height) : TransformParams;
