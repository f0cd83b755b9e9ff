using System.Globalization;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Text;
using VisionPipeline.Datasets.Formats.Files;

namespace VisionPipeline.Datasets.Formats.Yolo;

/// <summary>
/// Reads an Ultralytics YOLO dataset: <c>data.yaml</c>, images/&lt;split&gt;/ and labels/&lt;split&gt;/ with one
/// <c>.txt</c> per image. Rows are <c>class cx cy w h</c> (normalized box) or <c>class x1 y1 x2 y2 …</c>
/// (normalized polygon; its box is the polygon's extent). Images stream lazily; sizes come from image headers.
/// Category ids are the class indices. An image without a label file is an image without objects.
/// </summary>
public static class YoloReader
{
    /// <param name="path">The data.yaml file, or the folder holding it.</param>
    public static Dataset Read(string path)
    {
        var yamlPath = Directory.Exists(path) ? Path.Combine(path, YoloDataYaml.FileName) : path;
        var data = YoloDataYaml.Load(yamlPath);
        var categories = data.Names.Select((name, index) => new Category(index, name)).ToList();
        var warnings = new DatasetWarnings();
        return new Dataset(data.Root, categories, Enumerate(data, warnings), warnings);
    }

    private static IEnumerable<DatasetImage> Enumerate(YoloDataYaml data, DatasetWarnings warnings)
    {
        long imageId = 0, annotationId = 0;
        foreach (var (split, imageDirectory) in data.Splits)
        {
            var labelDirectory = YoloDataYaml.LabelDirectory(imageDirectory);
            var labelsRead = new HashSet<string>(StringComparer.Ordinal);
            foreach (var imagePath in ImageFiles.Under(imageDirectory, warnings: warnings, root: data.Root))
            {
                var relative = Path.GetRelativePath(imageDirectory, imagePath);
                var labelPath = Path.GetFullPath(Path.ChangeExtension(Path.Combine(labelDirectory, relative), ".txt"));
                labelsRead.Add(labelPath);
                DatasetImage image;
                try
                {
                    var (width, height) = ImageHeader.ReadSize(imagePath);
                    var annotations = File.Exists(labelPath)
                        ? ReadLabels(labelPath, ImageFiles.Relative(data.Root, labelPath), data.Names.Count, width, height, ref annotationId, warnings)
                        : [];
                    image = new DatasetImage(imageId + 1, ImageFiles.Relative(data.Root, imagePath), width, height, annotations) { Split = split };
                }
                catch (VisionException e)
                {
                    warnings.Skip(e, $"image {ImageFiles.Relative(data.Root, imagePath)} not read");
                    continue;
                }
                imageId++;
                yield return image;
            }
            if (!Directory.Exists(labelDirectory) || labelDirectory == imageDirectory) continue;
            foreach (var orphan in FolderWalk.FilesBelow(labelDirectory).Where(f => f.EndsWith(".txt", StringComparison.Ordinal)))
                if (!labelsRead.Contains(Path.GetFullPath(orphan)))
                    warnings.Skip(ImageFiles.Relative(data.Root, orphan), "label file has no image; not read");
        }
    }

    private static List<Annotation> ReadLabels(string path, string shownPath, int classCount, int width, int height,
        ref long annotationId, DatasetWarnings warnings)
    {
        var annotations = new List<Annotation>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var tokens = LineFields.Split(line);
            if (tokens.Length == 0) continue;
            TextPosition At(int field) => new(lineNumber, tokens[field].Column);
            // Too few fields: the row's start; one too many (a 6th, or an odd coordinate): the extra field.
            if (tokens.Length != 5 && (tokens.Length < 7 || tokens.Length % 2 == 0))
                throw new VisionException(shownPath, At(tokens.Length > 5 ? tokens.Length - 1 : 0),
                    $"expected 'class cx cy w h' or 'class x1 y1 x2 y2 x3 y3 …' (a class and at least 3 points), got {tokens.Length} values");
            if (!int.TryParse(tokens[0].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var classIndex))
                throw new VisionException(shownPath, At(0), $"class '{tokens[0].Text}' is not a non-negative integer");
            if (classIndex >= classCount)
                throw new VisionException(shownPath, At(0), $"class {classIndex} is out of range (data.yaml names 0..{classCount - 1})");
            var values = new double[tokens.Length - 1];
            for (var i = 0; i < values.Length; i++)
            {
                var text = tokens[i + 1].Text;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                    throw new VisionException(shownPath, At(i + 1), $"value {i + 1} '{text}' is not a number");
                if (values[i] is < 0 or > 1)
                    throw new VisionException(shownPath, At(i + 1), $"coords not normalized: value {i + 1} is {text}, outside 0..1");
            }
            var annotation = values.Length == 4 ? FromBox(values, width, height, ++annotationId, classIndex)
                : FromPolygon(values, width, height, ++annotationId, classIndex);
            if (annotation.Box.Width <= 0 || annotation.Box.Height <= 0)
                warnings.Add(shownPath, At(0), "object has zero width or height");
            annotations.Add(annotation);
        }
        return annotations;
    }

    private static Annotation FromBox(double[] v, int width, int height, long id, int classIndex)
    {
        var (cx, cy, w, h) = (v[0], v[1], v[2], v[3]);
        return new Annotation(id, classIndex, new BoxXywh((cx - w / 2) * width, (cy - h / 2) * height, w * width, h * height));
    }

    private static Annotation FromPolygon(double[] v, int width, int height, long id, int classIndex)
    {
        var polygon = new double[v.Length];
        double x1 = double.MaxValue, y1 = double.MaxValue, x2 = double.MinValue, y2 = double.MinValue;
        for (var i = 0; i < v.Length; i += 2)
        {
            polygon[i] = v[i] * width;
            polygon[i + 1] = v[i + 1] * height;
            x1 = Math.Min(x1, polygon[i]); x2 = Math.Max(x2, polygon[i]);
            y1 = Math.Min(y1, polygon[i + 1]); y2 = Math.Max(y2, polygon[i + 1]);
        }
        return new Annotation(id, classIndex, BoxXywh.FromCorners(x1, y1, x2, y2)) { Segmentation = new PolygonSegmentation([polygon]) };
    }
}
