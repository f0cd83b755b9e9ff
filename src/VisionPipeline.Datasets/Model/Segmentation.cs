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

/// <summary>
/// One or more polygons, each a flat list x1, y1, x2, y2, … in pixels. As in pycocotools' frPyObjects, when
/// the first part has exactly 4 numbers every part is a box x, y, width, height (frBbox) instead.
/// </summary>
public sealed record PolygonSegmentation(IReadOnlyList<double[]> Polygons) : Segmentation
{
    /// <summary>True when pycocotools reads the parts as boxes: the first one has exactly 4 numbers.</summary>
    public bool IsBoxes => Polygons.Count > 0 && Polygons[0].Length == 4;

    /// <exception cref="ArgumentException">The parts are boxes but one of them does not have 4 numbers.</exception>
    public override Rle ToRle(int imageHeight, int imageWidth)
    {
        var parts = new Rle[Polygons.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var p = Polygons[i];
            if (!IsBoxes) parts[i] = Rle.FromPolygon(p, imageHeight, imageWidth);
            else if (p.Length == 4) parts[i] = Rle.FromBbox(new BoxXywh(p[0], p[1], p[2], p[3]), imageHeight, imageWidth);
            else throw new ArgumentException($"segmentation part {i} has {p.Length} numbers; the first part has 4, so every part must be a box x, y, width, height");
        }
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
