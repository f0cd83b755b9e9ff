using System.Text.Json;
using VisionPipeline.Datasets.Formats.Files;

namespace VisionPipeline.Datasets.Formats.Coco;

/// <summary>
/// Writes <c>annotations.json</c> at the output root and copies each image to <c>file_name</c> below it.
/// Numbers are written in shortest round-trip form, so boxes read back bit-identical. An image's split
/// (YOLO train/val/test) is kept in an extra <c>split</c> key that COCO tools ignore.
/// </summary>
public sealed class CocoWriter : IDatasetWriter
{
    public const string AnnotationFileName = "annotations.json";

    public WriteSummary Write(Dataset dataset, string outputDirectory, LossReport losses)
    {
        var images = 0;
        var annotations = new List<(DatasetImage Image, Annotation Annotation)>();
        AtomicFile.Write(Path.Combine(outputDirectory, AnnotationFileName), stream =>
        {
            using var json = new Utf8JsonWriter(stream);
            json.WriteStartObject();
            json.WriteStartArray("images");
            foreach (var image in dataset.Images)
            {
                if (!PerImage.TryWrite(dataset, image, () => AtomicFile.Copy(dataset.ImagePath(image), ImageFiles.Under(outputDirectory, image.FilePath))))
                    continue;
                json.WriteStartObject();
                json.WriteNumber("id", image.Id);
                json.WriteString("file_name", image.FilePath);
                json.WriteNumber("width", image.Width);
                json.WriteNumber("height", image.Height);
                if (image.Split is { } split) json.WriteString("split", split);
                json.WriteEndObject();
                if (image.ClassId is { } classId)
                    losses.Add("image-level class labels (COCO has no field for them)", $"class {classId} of {image.FilePath}");
                foreach (var a in image.Annotations) annotations.Add((image, a));
                images++;
            }
            json.WriteEndArray();
            json.WriteStartArray("annotations");
            foreach (var (image, a) in annotations) WriteAnnotation(json, image, a);
            json.WriteEndArray();
            json.WriteStartArray("categories");
            foreach (var c in dataset.Categories) WriteCategory(json, c);
            json.WriteEndArray();
            json.WriteEndObject();
        });
        return new WriteSummary(images, annotations.Count);
    }

    private static void WriteAnnotation(Utf8JsonWriter json, DatasetImage image, Annotation a)
    {
        json.WriteStartObject();
        json.WriteNumber("id", a.Id);
        json.WriteNumber("image_id", image.Id);
        json.WriteNumber("category_id", a.CategoryId);
        json.WriteStartArray("bbox");
        json.WriteNumberValue(a.Box.X);
        json.WriteNumberValue(a.Box.Y);
        json.WriteNumberValue(a.Box.Width);
        json.WriteNumberValue(a.Box.Height);
        json.WriteEndArray();
        json.WriteNumber("area", a.ResolveArea(image.Height, image.Width));
        json.WriteNumber("iscrowd", a.IsCrowd ? 1 : 0);
        switch (a.Segmentation)
        {
            case PolygonSegmentation p:
                json.WriteStartArray("segmentation");
                foreach (var polygon in p.Polygons)
                {
                    json.WriteStartArray();
                    foreach (var v in polygon) json.WriteNumberValue(v);
                    json.WriteEndArray();
                }
                json.WriteEndArray();
                break;
            case RleSegmentation r:
                json.WriteStartObject("segmentation");
                json.WriteStartArray("size");
                json.WriteNumberValue(r.Rle.Height);
                json.WriteNumberValue(r.Rle.Width);
                json.WriteEndArray();
                if (r.Compressed) json.WriteString("counts", r.Rle.ToCompressedString());
                else
                {
                    json.WriteStartArray("counts");
                    foreach (var c in r.Rle.Counts) json.WriteNumberValue(c);
                    json.WriteEndArray();
                }
                json.WriteEndObject();
                break;
        }
        if (a.Keypoints is { } keypoints)
        {
            json.WriteStartArray("keypoints");
            foreach (var k in keypoints)
            {
                json.WriteNumberValue(k.X);
                json.WriteNumberValue(k.Y);
                json.WriteNumberValue(k.Visibility);
            }
            json.WriteEndArray();
        }
        if (a.NumKeypoints is { } count) json.WriteNumber("num_keypoints", count);
        if (a.Score is { } score) json.WriteNumber("score", score);
        if (a.Ignore is { } ignore) json.WriteNumber("ignore", ignore ? 1 : 0);
        if (a.Difficult) json.WriteNumber("difficult", 1);
        if (a.Truncated) json.WriteNumber("truncated", 1);
        json.WriteEndObject();
    }

    private static void WriteCategory(Utf8JsonWriter json, Category c)
    {
        json.WriteStartObject();
        json.WriteNumber("id", c.Id);
        json.WriteString("name", c.Name);
        if (c.Supercategory is { } super) json.WriteString("supercategory", super);
        if (c.KeypointNames is { } names)
        {
            json.WriteStartArray("keypoints");
            foreach (var n in names) json.WriteStringValue(n);
            json.WriteEndArray();
        }
        if (c.Skeleton is { } skeleton)
        {
            json.WriteStartArray("skeleton");
            foreach (var pair in skeleton)
            {
                json.WriteStartArray();
                foreach (var i in pair) json.WriteNumberValue(i);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }
}
