using OpenCvSharp;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Imaging.Preprocessing;

/// <summary>An image brought to a model's input size, with the map from original to tensor coordinates. Owns the Mat.</summary>
public sealed class PreparedImage(Mat image, AffineMap toTensor) : IDisposable
{
    public Mat Image { get; } = image;

    /// <summary>Original-image coordinates → tensor coordinates.</summary>
    public AffineMap ToTensor { get; } = toTensor;

    /// <summary>Tensor coordinates → original-image coordinates.</summary>
    public AffineMap ToOriginal { get; } = toTensor.Invert();

    public void Dispose() => Image.Dispose();
}
