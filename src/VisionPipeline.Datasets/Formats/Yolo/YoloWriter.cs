using System.Globalization;
using System.Text;
using VisionPipeline.Datasets.Formats.Files;

namespace VisionPipeline.Datasets.Formats.Yolo;

/// <summary>
/// Writes the Ultralytics layout: images/&lt;split&gt;/, labels/&lt;split&gt;/ and data.yaml (names as a list).
/// Categories become class indices in id order. Coordinates are written normalized with 8 decimals, so a
/// COCO → YOLO → COCO round trip moves a coordinate by at most 5e-9 × the image side (0.0000032 px at 640 px).
/// An image with any polygon gets segment rows only (Ultralytics reads a file as all boxes or all segments);
/// its box-only objects become 4-corner polygons.
/// </summary>
public sealed class YoloWriter : IDatasetWriter
{
    private const string Number = "0.########";

    /// <summary>Loss kind for boxes of zero or negative width or height, which YOLO and VOC readers reject.</summary>
    internal const string EmptyBoxes = "boxes with zero or negative width or height not written";

    public WriteSummary Write(Dataset dataset, string outputDirectory, LossReport losses)
    {
        var classIndex = dataset.Categories.OrderBy(c => c.Id).Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var names = dataset.Categories.OrderBy(c => c.Id).Select(c => c.Name).ToList();
        foreach (var (id, index) in classIndex.Where(p => p.Key != p.Value).OrderBy(p => p.Value))
            losses.Add("category ids renumbered to class indices (YOLO has no ids)", $"{id} → {index} ({names[index]})");
        var splits = new SortedSet<string>(StringComparer.Ordinal);
        int images = 0, rows = 0;
        var stems = new UniqueStems();
        foreach (var image in dataset.Images)
        {
            var split = image.Split ?? "train";
            splits.Add(split);
            var relative = WithinSplit(image.FilePath, split);
            var unique = stems.Claim($"{split}/{relative}")[(split.Length + 1)..];
            if (unique != relative) losses.Add("images renamed: another image has the same name stem", $"{image.FilePath} → images/{split}/{unique}");
            relative = unique;
            var labels = new StringBuilder();
            if (!PerImage.TryWrite(dataset, image, () =>
                {
                    int written = WriteRows(labels, image, classIndex, losses);
                    var imageTarget = ImageFiles.Under(outputDirectory, "images", split, relative);
                    PerImage.ImageThenCompanion(imageTarget, () => AtomicFile.Copy(dataset.ImagePath(image), imageTarget),
                        () => AtomicFile.WriteText(Path.ChangeExtension(ImageFiles.Under(outputDirectory, "labels", split, relative), ".txt"), labels.ToString()));
                    rows += written;
                }))
                continue;
            if (image.ClassId is { } classId) losses.Add("image-level class labels (YOLO detection has none)", $"class {classId} of {image.FilePath}");
            images++;
        }
        if (splits.Count == 0) splits.Add("train");
        AtomicFile.WriteText(Path.Combine(outputDirectory, YoloDataYaml.FileName), DataYaml(names, splits));
        return new WriteSummary(images, rows);
    }

    private static int WriteRows(StringBuilder labels, DatasetImage image, Dictionary<long, int> classIndex, LossReport losses)
    {
        var segmentMode = image.Annotations.Any(a => !a.IsCrowd && a.Segmentation is PolygonSegmentation { IsBoxes: false });
        var rows = 0;
        foreach (var a in image.Annotations)
        {
            var example = $"annotation {a.Id} in {image.FilePath}";
            if (a.IsCrowd)
            {
                losses.Add("crowd regions not written (YOLO has no crowd flag)", example);
                continue;
            }
            if (a.Keypoints is not null) losses.Add("keypoints not written (pose labels are not supported)", example);
            if (a.Difficult) losses.Add("VOC difficult flags dropped", example);
            var cls = classIndex[a.CategoryId];
            if (a.Segmentation is PolygonSegmentation { IsBoxes: false } polygons)
            {
                if (polygons.Polygons.Count > 1) losses.Add("multi-part polygons written as one YOLO row per part", example);
                foreach (var polygon in polygons.Polygons)
                {
                    if (polygon.Length < 6) { losses.Add("polygons with fewer than 3 points not written", example); continue; }
                    WriteSegment(labels, cls, polygon, image, example, losses);
                    rows++;
                }
                continue;
            }
            if (a.Box.Width <= 0 || a.Box.Height <= 0)
            {
                losses.Add(EmptyBoxes, example);
                continue;
            }
            if (a.Segmentation is RleSegmentation) losses.Add("RLE masks written as their boxes", example);
            if (a.Segmentation is PolygonSegmentation) losses.Add("box-list segmentations written as their boxes", example);
            if (segmentMode)
            {
                var b = a.Box;
                losses.Add("boxes written as 4-corner segments (their image has polygons)", example);
                WriteSegment(labels, cls, [b.X, b.Y, b.Right, b.Y, b.Right, b.Bottom, b.X, b.Bottom], image, example, losses);
            }
            else WriteBox(labels, cls, a.Box, image, example, losses);
            rows++;
        }
        return rows;
    }

    private static void WriteBox(StringBuilder labels, int cls, BoxXywh box, DatasetImage image, string example, LossReport losses)
    {
        double x1 = Math.Clamp(box.X, 0, image.Width), y1 = Math.Clamp(box.Y, 0, image.Height);
        double x2 = Math.Clamp(box.Right, 0, image.Width), y2 = Math.Clamp(box.Bottom, 0, image.Height);
        if (x1 != box.X || y1 != box.Y || x2 != box.Right || y2 != box.Bottom) losses.Add("boxes clipped to the image", example);
        double w = x2 - x1, h = y2 - y1;
        labels.Append(cls.ToString(CultureInfo.InvariantCulture));
        foreach (var v in (ReadOnlySpan<double>)[(x1 + w / 2) / image.Width, (y1 + h / 2) / image.Height, w / image.Width, h / image.Height])
            labels.Append(' ').Append(v.ToString(Number, CultureInfo.InvariantCulture));
        labels.Append('\n');
    }

    private static void WriteSegment(StringBuilder labels, int cls, double[] polygon, DatasetImage image, string example, LossReport losses)
    {
        labels.Append(cls.ToString(CultureInfo.InvariantCulture));
        var clipped = false;
        for (var i = 0; i + 1 < polygon.Length; i += 2)
        {
            double x = Math.Clamp(polygon[i], 0, image.Width), y = Math.Clamp(polygon[i + 1], 0, image.Height);
            clipped |= x != polygon[i] || y != polygon[i + 1];
            labels.Append(' ').Append((x / image.Width).ToString(Number, CultureInfo.InvariantCulture));
            labels.Append(' ').Append((y / image.Height).ToString(Number, CultureInfo.InvariantCulture));
        }
        if (clipped) losses.Add("polygon points clipped to the image", example);
        labels.Append('\n');
    }

    /// <summary>The image's path below images/&lt;split&gt;/: a leading "images/" and split folder are dropped.</summary>
    private static string WithinSplit(string filePath, string split)
    {
        var path = filePath.Replace('\\', '/');
        if (path.StartsWith("images/", StringComparison.Ordinal)) path = path["images/".Length..];
        if (path.StartsWith(split + "/", StringComparison.Ordinal)) path = path[(split.Length + 1)..];
        return path;
    }

    private static string DataYaml(IReadOnlyList<string> names, IEnumerable<string> splits)
    {
        var yaml = new StringBuilder("path: .\n");
        foreach (var split in splits) yaml.Append(split).Append(": images/").Append(split).Append('\n');
        yaml.Append("nc: ").Append(names.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        yaml.Append("names:\n");
        foreach (var name in names) yaml.Append("  - '").Append(name.Replace("'", "''")).Append("'\n");
        return yaml.ToString();
    }
}
