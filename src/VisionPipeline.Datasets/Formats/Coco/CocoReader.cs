using System.Text.Json;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats.Files;
using VisionPipeline.Datasets.Masks;

namespace VisionPipeline.Datasets.Formats.Coco;

/// <summary>
/// Reads a COCO annotation file. The JSON is streamed from disk (no document tree); numbers are kept exactly as
/// parsed doubles. Errors name the file, the line and column of the offending value (found again in the file only
/// when there is an error) and the annotation, image or category id.
/// </summary>
public static class CocoReader
{
    /// <param name="jsonPath">The annotation file.</param>
    /// <param name="imageRoot">Folder that <c>file_name</c> is relative to; default: the file's folder.</param>
    public static Dataset Read(string jsonPath, string? imageRoot = null)
    {
        if (!File.Exists(jsonPath)) throw new VisionException(jsonPath, "COCO annotation file does not exist");
        CocoFileJson file;
        try
        {
            using var stream = File.OpenRead(jsonPath);
            file = JsonSerializer.Deserialize<CocoFileJson>(stream, CocoFileJson.Options)
                   ?? throw new VisionException(jsonPath, "file is JSON null, expected a COCO object");
        }
        catch (JsonException e)
        {
            var detail = e.Path is { } path ? $"{path}: {FirstSentence(e.Message)}" : FirstSentence(e.Message);
            throw new VisionException(jsonPath, JsonLocator.Of(jsonPath, e), detail, e);
        }
        var warnings = new DatasetWarnings();
        var categories = ReadCategories(jsonPath, file.Categories ?? []);
        var images = ReadImages(jsonPath, file, categories, warnings);
        return new Dataset(imageRoot ?? Path.GetDirectoryName(Path.GetFullPath(jsonPath))!, categories, images, warnings);
    }

    private static List<Category> ReadCategories(string file, List<CocoCategoryJson> json)
    {
        var categories = new List<Category>(json.Count);
        var seen = new HashSet<long>();
        for (var position = 0; position < json.Count; position++)
        {
            var c = json[position];
            var at = $"categories[{position}]";
            var id = c.Id ?? throw Error(file, $"{at}.id", $"category at position {position}: missing id");
            if (!seen.Add(id)) throw Error(file, $"{at}.id", $"category id {c.Id} appears twice");
            if (string.IsNullOrWhiteSpace(c.Name)) throw Error(file, $"{at}.name", $"category {c.Id} has no name");
            categories.Add(new Category(id, c.Name)
            {
                Supercategory = c.Supercategory,
                KeypointNames = c.Keypoints,
                Skeleton = c.Skeleton,
            });
        }
        return categories;
    }

    private static List<DatasetImage> ReadImages(string file, CocoFileJson json, List<Category> categories, DatasetWarnings warnings)
    {
        var categoryIds = categories.Select(c => c.Id).ToHashSet();
        var byImage = new Dictionary<long, List<Annotation>>();
        var sizes = new Dictionary<long, (int Height, int Width)>();
        var images = json.Images ?? [];
        var imageIds = new long[images.Count];
        for (var position = 0; position < images.Count; position++)
        {
            var image = images[position];
            var at = $"images[{position}]";
            var id = imageIds[position] = image.Id ?? throw Error(file, $"{at}.id", $"image at position {position}: missing id");
            if (!byImage.TryAdd(id, [])) throw Error(file, $"{at}.id", $"image id {id} appears twice");
            if (string.IsNullOrEmpty(image.FileName)) throw Error(file, $"{at}.file_name", $"image {id} has no file_name");
            if (ImageFiles.NotRelative(image.FileName) is { } problem) throw Error(file, $"{at}.file_name", $"image {id}: file_name {problem}");
            if (image.Width <= 0 || image.Height <= 0)
                throw Error(file, image.Width <= 0 ? $"{at}.width" : $"{at}.height",
                    $"image {id} has size {image.Width}×{image.Height}; width and height must be positive");
            sizes[id] = (image.Height, image.Width);
        }

        var annotationIds = new HashSet<long>();
        var annotations = json.Annotations ?? [];
        for (var position = 0; position < annotations.Count; position++)
        {
            var a = annotations[position];
            var at = $"annotations[{position}]";
            var id = a.Id ?? throw Error(file, $"{at}.id", $"annotation at position {position}: missing id");
            var where = $"annotation {id}";
            var imageId = a.ImageId ?? throw Error(file, $"{at}.image_id", $"{where}: missing image_id");
            var categoryId = a.CategoryId ?? throw Error(file, $"{at}.category_id", $"{where}: missing category_id");
            if (!annotationIds.Add(id)) throw Error(file, $"{at}.id", $"{where} appears twice");
            if (!byImage.TryGetValue(imageId, out var list))
                throw Error(file, $"{at}.image_id", $"{where} refers to image {imageId} that does not exist");
            if (!categoryIds.Contains(categoryId))
                throw Error(file, $"{at}.category_id", $"{where} refers to category {categoryId} that does not exist");
            var (height, width) = sizes[imageId];
            var segmentation = ReadSegmentation(file, where, $"{at}.segmentation", a.Segmentation, height, width, warnings);
            BoxXywh box;
            if (a.Bbox is { } b)
            {
                if (b.Length != 4) throw Error(file, $"{at}.bbox", $"{where}: bbox has {b.Length} numbers, expected 4 (x, y, width, height)");
                if (!b.All(double.IsFinite)) throw Error(file, $"{at}.bbox", $"{where}: bbox [{string.Join(", ", b.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))}] holds a number too large to be a coordinate");
                box = new BoxXywh(b[0], b[1], b[2], b[3]);
                if (box.Width <= 0 || box.Height <= 0) warnings.Add(file, $"box {box} has no area", where);
            }
            else if (segmentation is not null)
                box = segmentation.ToRle(height, width).ToBbox();
            else
                throw Error(file, at, $"{where}: has neither bbox nor segmentation");
            if (a.Keypoints is { Length: var n } && n % 3 != 0)
                throw Error(file, $"{at}.keypoints", $"{where}: keypoints has {n} numbers, expected x, y, visibility triples");
            list.Add(new Annotation(id, categoryId, box)
            {
                Segmentation = segmentation,
                IsCrowd = a.Iscrowd != 0,
                Area = a.Area,
                Keypoints = a.Keypoints is { } k ? Triples(k) : null,
                NumKeypoints = a.NumKeypoints,
                Score = a.Score,
                Ignore = a.Ignore is { } ignore ? ignore != 0 : null,
                Difficult = a.Difficult is > 0,
                Truncated = a.Truncated is > 0,
            });
        }

        return images.Select((i, position) => new DatasetImage(imageIds[position], i.FileName!, i.Width, i.Height, byImage[imageIds[position]]) { Split = i.Split }).ToList();
    }

    /// <param name="at">The segmentation's JSON path, where its errors are found again.</param>
    private static Segmentation? ReadSegmentation(string file, string where, string at, CocoSegmentationJson? json, int height, int width,
        DatasetWarnings warnings)
    {
        if (json is null) return null;
        if (json.Polygons is { } polygons)
        {
            if (polygons.Count == 0) return null;
            var parts = new PolygonSegmentation(polygons);
            for (var i = 0; i < polygons.Count; i++)
            {
                var p = polygons[i];
                var corners = parts.IsBoxes && p.Length == 4 ? [p[0], p[1], p[0] + p[2], p[1] + p[3]] : p;
                if (PolygonRasterizer.OutOfRange(corners, height, width) is { } problem)
                    throw Error(file, $"{at}[{i}]", $"{where}: segmentation part {i}: {problem}");
                if (parts.IsBoxes && polygons[i].Length != 4)
                    throw Error(file, $"{at}[{i}]", $"{where}: segmentation part {i} has {polygons[i].Length} numbers; the first part has 4, so every part must be a box x, y, width, height (as pycocotools reads it)");
                else if (!parts.IsBoxes && (polygons[i].Length < 6 || polygons[i].Length % 2 != 0))
                    warnings.Add(file, $"polygon {i} has {polygons[i].Length} coordinates; a polygon needs x, y pairs for at least 3 points", where);
            }
            return parts;
        }
        if (json.Size is not [var h, var w])
            throw Error(file, $"{at}.size", $"{where}: RLE segmentation needs size [height, width]");
        if (h != height || w != width)
            warnings.Add(file, $"RLE mask is {h}×{w} but its image is {height}×{width}", where);
        try
        {
            if (json.CompressedCounts is { } compressed) return new RleSegmentation(Rle.FromCompressedString(compressed, h, w), Compressed: true);
            if (json.Counts is { } counts) return new RleSegmentation(new Rle(h, w, counts), Compressed: false);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw Error(file, $"{at}.counts", $"{where}: RLE counts: {e.Message}", e);
        }
        throw Error(file, at, $"{where}: RLE segmentation has no counts");
    }

    /// <summary>An error at the value <paramref name="jsonPath"/> names: the file is read again to find its line and column.</summary>
    private static VisionException Error(string file, string jsonPath, string problem, Exception? inner = null) =>
        new(file, JsonLocator.Find(file, jsonPath), problem, inner);

    private static Keypoint[] Triples(double[] flat)
    {
        var points = new Keypoint[flat.Length / 3];
        for (var i = 0; i < points.Length; i++) points[i] = new Keypoint(flat[3 * i], flat[3 * i + 1], flat[3 * i + 2]);
        return points;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).ReplaceLineEndings(" ").Trim();
    }
}
