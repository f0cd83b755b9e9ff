using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms;

/// <summary>A transform that changes pixel values only; targets stay as they are.</summary>
public abstract class PhotometricTransform<TParams> : Transform<TParams> where TParams : TransformParams
{
    /// <summary>A new Mat: the image with the change applied (the input is left untouched).</summary>
    public abstract Mat ApplyToImage(Mat image, TParams parameters);

    public sealed override void Apply(Sample sample, TParams parameters, AugmentContext context) =>
        sample.ReplaceImage(ApplyToImage(sample.Image, parameters));
}
