using OpenCvSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Imaging.Preprocessing;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>Resize + pack into a fresh one-item NCHW tensor, keeping the map back to the image.</summary>
internal static class ModelInput
{
    public static (PreparedImage Prepared, TensorBuffer Tensor) Prepare(Mat image, TensorSpec spec, int width, int height)
    {
        var prepared = ImageResizer.Prepare(image, width, height, spec.Resize, spec.PadValue);
        var tensor = (spec.Layout, spec.Unbatched) switch
        {
            (TensorLayout.Nchw, false) => new TensorBuffer(spec.Name, 1, 3, height, width),
            (TensorLayout.Nchw, true) => new TensorBuffer(spec.Name, 3, height, width),
            (_, false) => new TensorBuffer(spec.Name, 1, height, width, 3),
            _ => new TensorBuffer(spec.Name, height, width, 3),
        };
        try
        {
            TensorPacker.Pack(prepared.Image, spec, tensor.Span);
            return (prepared, tensor);
        }
        catch
        {
            prepared.Dispose();
            tensor.Dispose();
            throw;
        }
    }
}
