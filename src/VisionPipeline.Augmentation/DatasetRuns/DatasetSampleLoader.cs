using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Transforms;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets;

namespace VisionPipeline.Augmentation.DatasetRuns;

/// <summary>Loads a data set's images (and label maps) from disk as samples, one at a time; also the mosaic's source of other images.</summary>
public sealed class DatasetSampleLoader(Dataset dataset, IReadOnlyList<DatasetImage> images) : ISampleSource
{
    public int Count => images.Count;

    public Sample Load(int index) => Load(images[index]);

    public Sample Load(DatasetImage image)
    {
        var path = dataset.ImagePath(image);
        var pixels = Cv2.ImRead(path, ImreadModes.Color);
        if (pixels.Empty())
        {
            pixels.Dispose();
            throw new VisionException(image.FilePath, "cannot read the image (missing, corrupt or an unsupported format)");
        }
        Mat? labels = null;
        if (image.MaskPath is { } maskPath)
        {
            labels = Cv2.ImRead(Path.Combine(dataset.ImageRoot, maskPath), ImreadModes.Unchanged);
            if (labels.Empty() || labels.Type() != MatType.CV_8UC1 || labels.Size() != pixels.Size())
            {
                var problem = labels.Empty() ? "cannot read the mask" : $"the mask must be an 8-bit label map of the image's size, got {labels.Type()} {labels.Size()}";
                labels.Dispose();
                pixels.Dispose();
                throw new VisionException(maskPath, problem);
            }
        }
        return SampleConversion.ToSample(image, pixels, labels);
    }
}
