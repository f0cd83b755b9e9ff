using VisionPipeline.Datasets.Masks;

namespace VisionPipeline.Datasets;

/// <summary>The shape of an object: polygons or a run-length encoded mask.</summary>
public abstract record Segmentation
{
    /// <summary>
    /// The mask as pycocotools' <c>annToRLE</c> builds it: polygons are rasterised one by one and merged
    /// (union), run-length masks are taken as they are.
    /// </summary>
    public abstract Rle ToRle(int imageHeight, int imageWidth);
}

/// <summary>One or more polygons, each a flat list x1, y1, x2, y2, … in pixels.</summary>
public sealed record PolygonSegmentation(IReadOnlyList<double[]> Polygons) : Segmentation
{
    public override Rle ToRle(int imageHeight, int imageWidth)
    {
        var parts = new Rle[Polygons.Count];
        for (var i = 0; i < parts.Length; i++) parts[i] = Rle.FromPolygon(Polygons[i], imageHeight, imageWidth);
        return Rle.Merge(parts, intersect: false);
    }
}

/// <summary>
/// A run-length encoded mask. <see cref="Compressed"/> tells how the file stored the counts (COCO's
/// compressed string or a plain list, as crowd annotations often are) so a writer can keep the form.
/// </summary>
public sealed record RleSegmentation(Rle Rle, bool Compressed = true) : Segmentation
{
    public override Rle ToRle(int imageHeight, int imageWidth) => Rle;
}
