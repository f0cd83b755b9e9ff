using OpenCvSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Imaging.Preprocessing;

namespace VisionPipeline.Graph.Nodes;

/// <summary>
/// PaddleOCR's text-line batches: each crop resized to the model height with width min(ceil(h·w/h), W),
/// normalised, and zero-padded on the right to the batch width W.
/// </summary>
internal static class TextLineTensor
{
    public static TensorBuffer Pack(IReadOnlyList<Mat> crops, TensorSpec spec, int height, int width)
    {
        var tensor = new TensorBuffer(spec.Name, crops.Count, 3, height, width);
        try
        {
            tensor.Span.Clear();
            int item = 3 * height * width;
            for (int i = 0; i < crops.Count; i++)
            {
                var crop = crops[i];
                double ratio = (double)crop.Width / crop.Height;
                int resizedWidth = Math.Clamp((int)Math.Ceiling(height * ratio), 1, width);
                using var resized = new Mat();
                Cv2.Resize(crop, resized, new Size(resizedWidth, height));
                TensorPacker.PackNchw(resized, spec, tensor.Span.Slice(i * item, item), rowStride: width);
            }
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }
}
