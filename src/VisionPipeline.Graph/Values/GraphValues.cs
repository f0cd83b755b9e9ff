using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Definition;

namespace VisionPipeline.Graph.Values;

/// <summary>What one node produced for one frame. Values own their native memory.</summary>
public abstract class GraphValue : IDisposable
{
    public abstract PortType Type { get; }
    public virtual void Dispose() { }
}

/// <summary>An image and the map from its pixels to the original frame's pixels.</summary>
public sealed class ImageValue(Mat image, AffineMap toFrame, bool ownsImage = true) : GraphValue
{
    public override PortType Type => PortType.Image;
    public Mat Image { get; } = image;

    /// <summary>This image's coordinates → frame coordinates.</summary>
    public AffineMap ToFrame { get; } = toFrame;

    /// <summary>Frame coordinates → this image's coordinates.</summary>
    public AffineMap FromFrame { get; } = toFrame.Invert();

    public override void Dispose()
    {
        if (ownsImage) Image.Dispose();
    }
}

public sealed class DetectionsValue(IReadOnlyList<Detection> items) : GraphValue
{
    public override PortType Type => PortType.Detections;
    public IReadOnlyList<Detection> Items { get; } = items;
}

public sealed class MasksValue(IReadOnlyList<MaskTarget> items) : GraphValue
{
    public override PortType Type => PortType.Masks;
    public IReadOnlyList<MaskTarget> Items { get; } = items;

    public override void Dispose()
    {
        foreach (var m in Items) m.Dispose();
    }
}

public sealed class EmbeddingsValue(IReadOnlyList<Embedding> items) : GraphValue
{
    public override PortType Type => PortType.Embeddings;
    public IReadOnlyList<Embedding> Items { get; } = items;
}

/// <summary>
/// A region cut from an image around a detection: its pixels, the map back to the frame, and the detection it came
/// from. <see cref="Alternative"/> holds a second orientation to try (set by the text-direction classifier).
/// </summary>
public sealed class Crop(Mat image, Homography toFrame, Detection? parent) : IDisposable
{
    public Mat Image { get; } = image;
    public Homography ToFrame { get; } = toFrame;
    public Detection? Parent { get; } = parent;
    public Crop? Alternative { get; init; }

    public void Dispose()
    {
        Image.Dispose();
        Alternative?.Dispose();
    }
}

public sealed class CropsValue(IReadOnlyList<Crop> items) : GraphValue
{
    public override PortType Type => PortType.Crops;
    public IReadOnlyList<Crop> Items { get; } = items;

    public override void Dispose()
    {
        foreach (var c in Items) c.Dispose();
    }
}
