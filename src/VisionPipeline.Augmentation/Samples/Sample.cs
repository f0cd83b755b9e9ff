using OpenCvSharp;

namespace VisionPipeline.Augmentation.Samples;

/// <summary>
/// An image (8-bit BGR or grey) with its objects and, for semantic segmentation, a label map (CV_8UC1 class indices).
/// A transform samples its parameters once and applies them to the image and every target.
/// The sample owns its Mats and disposes them, except those it was given with <see cref="Borrowing"/>.
/// </summary>
public sealed class Sample : IDisposable
{
    private readonly HashSet<Mat> _borrowed = new(ReferenceEqualityComparer.Instance);
    private readonly List<SampleObject> _objects;
    private readonly List<int> _dropped = [];

    public Sample(Mat image, IEnumerable<SampleObject>? objects = null, Mat? labelMap = null)
    {
        Image = image;
        _objects = objects?.ToList() ?? [];
        LabelMap = labelMap;
    }

    /// <summary>A sample over Mats the caller keeps owning: transforms never write to them or dispose them.</summary>
    public static Sample Borrowing(Mat image, IEnumerable<SampleObject>? objects = null, Mat? labelMap = null)
    {
        var sample = new Sample(image, objects, labelMap);
        sample._borrowed.Add(image);
        if (labelMap is not null) sample._borrowed.Add(labelMap);
        foreach (var o in sample._objects)
            if (o.Mask is not null) sample._borrowed.Add(o.Mask);
        return sample;
    }

    public Mat Image { get; private set; }
    public Mat? LabelMap { get; private set; }
    public IReadOnlyList<SampleObject> Objects => _objects;

    /// <summary>Source indices of the objects dropped because too little of them stayed visible.</summary>
    public IReadOnlyList<int> DroppedSourceIndices => _dropped;

    public int Width => Image.Width;
    public int Height => Image.Height;

    public void ReplaceImage(Mat image)
    {
        if (!ReferenceEquals(image, Image)) Release(Image);
        Image = image;
    }

    public void ReplaceLabelMap(Mat? labelMap)
    {
        if (LabelMap is not null && !ReferenceEquals(labelMap, LabelMap)) Release(LabelMap);
        LabelMap = labelMap;
    }

    /// <summary>Replaces every object; masks of the old objects that the new ones do not reuse are released.</summary>
    public void ReplaceObjects(IEnumerable<SampleObject> objects, IEnumerable<int> droppedSourceIndices)
    {
        var next = objects.ToList();
        foreach (var old in _objects)
            if (old.Mask is not null && !next.Exists(o => ReferenceEquals(o.Mask, old.Mask))) Release(old.Mask);
        _objects.Clear();
        _objects.AddRange(next);
        _dropped.AddRange(droppedSourceIndices);
    }

    private void Release(Mat mat)
    {
        if (!_borrowed.Remove(mat)) mat.Dispose();
    }

    public void Dispose()
    {
        Release(Image);
        if (LabelMap is not null) Release(LabelMap);
        foreach (var o in _objects)
            if (o.Mask is not null) Release(o.Mask);
        _objects.Clear();
    }
}
