using OpenCvSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Imaging.Preprocessing;
using VisionPipeline.TestSupport;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Support;

/// <summary>Real images from sample-images/, preprocessed exactly as the pipeline does for a model input.</summary>
internal static class SampleImages
{
    /// <summary>The image through <see cref="ImageResizer"/> and <see cref="TensorPacker"/> with <paramref name="spec"/>: [3·H·W] NCHW.</summary>
    public static float[] Pack(string name, TensorSpec spec)
    {
        using var image = Cv2.ImRead(RepoPaths.Sample(name), ImreadModes.Color);
        Assert.False(image.Empty(), $"cannot decode sample image {name}");
        using var prepared = ImageResizer.Prepare(image, spec.Width, spec.Height, spec.Resize, spec.PadValue);
        var values = new float[3 * spec.Width * spec.Height];
        TensorPacker.PackNchw(prepared.Image, spec, values);
        return values;
    }

    /// <summary>Several images as one [N, 3, H, W] tensor.</summary>
    public static Tensor Batch(TensorSpec spec, params string[] names) =>
        tensor(names.SelectMany(n => Pack(n, spec)).ToArray(), [names.Length, 3, spec.Height, spec.Width]);
}
