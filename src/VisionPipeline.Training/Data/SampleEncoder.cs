using OpenCvSharp;
using VisionPipeline.Augmentation;
using VisionPipeline.Augmentation.DatasetRuns;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Datasets;
using VisionPipeline.Datasets.Masks;
using VisionPipeline.Imaging.Preprocessing;
using VisionPipeline.Training.Tasks;

namespace VisionPipeline.Training.Data;

/// <summary>
/// Turns a dataset image into what a batch holds: decoded, augmented (training only; the augmentation of image i in
/// epoch e is seeded by (seed, i, e), so it is the same however many loader threads run), brought to the network's
/// input exactly as the pipeline brings an image to the exported model (<see cref="ImageResizer"/> and
/// <see cref="TensorPacker"/> with the task's <see cref="TensorSpec"/>), and its targets carried through the same maps.
/// </summary>
public sealed class SampleEncoder(TrainingData data, TensorSpec spec, Augmenter? augmenter, ulong seed)
{
    private readonly byte[] _labelLookup = LabelLookup(data);

    public TensorSpec Spec => spec;

    /// <param name="index">The image's position in its list (the augmentation's sample index).</param>
    /// <param name="epoch">The epoch (the augmentation's copy number); ignored without augmentation.</param>
    public EncodedSample Encode(IReadOnlyList<DatasetImage> images, int index, int epoch, bool augment)
    {
        var image = images[index];
        var loader = new DatasetSampleLoader(data.Dataset, images);
        using var sample = loader.Load(image);
        if (data.Task == TaskKind.Segment && sample.LabelMap is null) sample.ReplaceLabelMap(Rasterize(image, sample.Width, sample.Height));
        if (augment && augmenter is not null) augmenter.Augment(sample, seed, index, epoch, loader);

        using var converted = sample.Image.Channels() == 3 ? null : ToBgr(sample.Image);
        using var prepared = ImageResizer.Prepare(converted ?? sample.Image, spec.Width, spec.Height, spec.Resize, spec.PadValue);
        var pixels = new float[3 * spec.Width * spec.Height];
        TensorPacker.PackNchw(prepared.Image, spec, pixels);
        return data.Task switch
        {
            TaskKind.Classify => new EncodedSample(pixels, data.ClassOfCategory[image.ClassId!.Value], null, null),
            TaskKind.Detect => new EncodedSample(pixels, -1, Boxes(sample, prepared), null),
            _ => new EncodedSample(pixels, -1, null, Mask(sample.LabelMap!, prepared)),
        };
    }

    /// <summary>The image's labels as class indices at its own size (segmentation; 255 where unknown).</summary>
    public Mat ClassIndexMap(DatasetImage image)
    {
        var loader = new DatasetSampleLoader(data.Dataset, [image]);
        using var sample = loader.Load(image);
        if (sample.LabelMap is { } map) return ToClassIndices(map);
        using var painted = Rasterize(image, sample.Width, sample.Height);
        return ToClassIndices(painted);
    }

    private Mat ToClassIndices(Mat labels)
    {
        using var lookup = Mat.FromPixelData(1, 256, MatType.CV_8UC1, _labelLookup);
        var classes = new Mat();
        Cv2.LUT(labels, lookup, classes);
        return classes;
    }

    /// <summary>A grey or BGRA image as BGR (a BGR image is used as it is, not copied).</summary>
    private static Mat ToBgr(Mat image)
    {
        var bgr = new Mat();
        Cv2.CvtColor(image, bgr, image.Channels() == 1 ? ColorConversionCodes.GRAY2BGR : ColorConversionCodes.BGRA2BGR);
        return bgr;
    }

    /// <summary>The objects' boxes in input pixels, clipped to the input; boxes left under a pixel wide or high are dropped.</summary>
    private DetectionTarget[] Boxes(Sample sample, PreparedImage prepared)
    {
        var map = prepared.ToTensor;
        var boxes = new List<DetectionTarget>(sample.Objects.Count);
        foreach (var o in sample.Objects)
        {
            if (!data.ClassOfCategory.TryGetValue(o.Category, out int classIndex)) continue;
            var a = map.Apply(o.Box.X1, o.Box.Y1);
            var b = map.Apply(o.Box.X2, o.Box.Y2);
            float x1 = (float)Math.Clamp(Math.Min(a.X, b.X), 0, spec.Width), x2 = (float)Math.Clamp(Math.Max(a.X, b.X), 0, spec.Width);
            float y1 = (float)Math.Clamp(Math.Min(a.Y, b.Y), 0, spec.Height), y2 = (float)Math.Clamp(Math.Max(a.Y, b.Y), 0, spec.Height);
            if (x2 - x1 >= 1 && y2 - y1 >= 1) boxes.Add(new DetectionTarget(x1, y1, x2, y2, classIndex));
        }
        return [.. boxes];
    }

    /// <summary>The label map in class indices at the input size (nearest neighbour; padding and unknown values are ignored).</summary>
    private byte[] Mask(Mat labelMap, PreparedImage prepared)
    {
        var m = prepared.ToTensor;
        using var transform = Mat.FromPixelData(2, 3, MatType.CV_64FC1, new[] { m.A, m.B, m.C, m.D, m.E, m.F });
        using var warped = new Mat();
        Cv2.WarpAffine(labelMap, warped, transform, new Size(spec.Width, spec.Height), InterpolationFlags.Nearest,
            BorderTypes.Constant, Scalar.All(Batch.IgnoreIndex));
        using var classes = ToClassIndices(warped);
        var bytes = new byte[spec.Width * spec.Height];
        classes.GetArray(out byte[] all);
        all.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>Label value (category id) → class index; values no class has, and 255, are ignored.</summary>
    private static byte[] LabelLookup(TrainingData data)
    {
        var lookup = Enumerable.Repeat((byte)Batch.IgnoreIndex, 256).ToArray();
        foreach (var (category, index) in data.ClassOfCategory)
            if (category is >= 0 and < 255) lookup[category] = (byte)index;
        return lookup;
    }

    /// <summary>A label map of category ids painted from the image's polygons and RLE masks (COCO), in annotation order.</summary>
    private static Mat Rasterize(DatasetImage image, int width, int height)
    {
        var map = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        foreach (var a in image.Annotations)
        {
            var rle = a.Segmentation?.ToRle(height, width);
            if (rle is null) continue;
            using var mask = rle.Decode();
            map.SetTo(Scalar.All(a.IsCrowd ? Batch.IgnoreIndex : a.CategoryId), mask);
        }
        return map;
    }
}
