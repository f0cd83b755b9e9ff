using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Core.Tensors;

namespace VisionPipeline.Imaging.Preprocessing;

/// <summary>Where an image landed in a model's input tensor.</summary>
public sealed class TensorPlacement(AffineMap toTensor)
{
    /// <summary>Image coordinates → tensor coordinates.</summary>
    public AffineMap ToTensor { get; } = toTensor;

    /// <summary>Tensor coordinates → image coordinates.</summary>
    public AffineMap ToOriginal { get; } = toTensor.Invert();
}

/// <summary>
/// Brings an image to a model's input size and packs it into the input tensor, as <see cref="ImageResizer"/> then
/// <see cref="TensorPacker"/> would, equal to the bit. A letterboxed NCHW input is written without the letterboxed
/// image: the image is resized (or taken as it is, when it already has the size) and packed straight into its
/// rectangle of the tensor, and the padding is filled with its packed value. That skips allocating, filling and
/// packing the padding pixels and one copy of the image: a 640×480 frame into YOLO's 640×640 spent a quarter of its
/// packing on padding.
/// </summary>
public static class TensorInput
{
    public static TensorPlacement Write(Mat image, TensorSpec spec, int width, int height, Span<float> destination)
    {
        if (spec.Layout == TensorLayout.Nchw && spec.Resize is ResizeMode.Letterbox or ResizeMode.LetterboxTopLeft)
        {
            var place = LetterboxPlacement.Of(image.Width, image.Height, width, height, spec.Resize == ResizeMode.Letterbox);
            var content = place.Content;
            Mat? resized = null;
            try
            {
                if (content.Size != image.Size())
                {
                    resized = new Mat();
                    Cv2.Resize(image, resized, content.Size, 0, 0, InterpolationFlags.Linear);
                }
                TensorPacker.PackNchw(resized ?? image, spec, destination[(content.Top * width + content.Left)..], rowStride: width, planeStride: width * height);
            }
            finally
            {
                resized?.Dispose();
            }
            TensorPacker.FillOutside(destination, spec, width, height, content, spec.PadValue);
            return new TensorPlacement(place.ToTensor);
        }
        using var prepared = ImageResizer.Prepare(image, width, height, spec.Resize, spec.PadValue);
        TensorPacker.Pack(prepared.Image, spec, destination);
        return new TensorPlacement(prepared.ToTensor);
    }
}
