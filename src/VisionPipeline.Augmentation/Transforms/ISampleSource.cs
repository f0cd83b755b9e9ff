using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms;

/// <summary>Other samples of the data set, loaded on demand, for transforms that combine images (mosaic).</summary>
public interface ISampleSource
{
    int Count { get; }

    /// <summary>A new sample the caller owns and disposes.</summary>
    Sample Load(int index);
}
