using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats.Files;

namespace VisionPipeline.Datasets.Formats.Voc;

/// <summary>
/// Reads Pascal VOC: Annotations/*.xml with images in JPEGImages/. VOC pixel coordinates are 1-based and
/// inclusive (xmin = 1 is the first pixel column), so a box becomes COCO
/// x = xmin − 1, y = ymin − 1, w = xmax − xmin + 1, h = ymax − ymin + 1 (pixel 0 alone: xmin = xmax = 1 ↔ [0, 0, 1, 1]).
/// Categories are the object names in ordinal order with ids 1..n (the VOC 2007 order for its 20 classes).
/// ImageSets/Main/train|val|test.txt, when present, give each image its split.
/// </summary>
public static class VocReader
{
    public const string AnnotationFolder = "Annotations";
    public const string ImageFolder = "JPEGImages";
    public const string SplitFolder = "ImageSets/Main";
    internal static readonly string[] Splits = ["train", "val", "test"];

    public static Dataset Read(string root)
    {
        var annotationDirectory = Path.Combine(root, AnnotationFolder);
        if (!Directory.Exists(annotationDirectory)) throw new VisionException(root, $"not a VOC dataset: no {AnnotationFolder}/ folder");
        var files = Directory.EnumerateFiles(annotationDirectory, "*.xml").Order(StringComparer.Ordinal).ToList();
        var warnings = new DatasetWarnings();
        var parsed = new List<VocFile>(files.Count);
        var failedStems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            try { parsed.Add(Parse(root, f)); }
            catch (VisionException e)
            {
                warnings.Skip(e, $"annotation file {ImageFiles.Relative(root, f)} not read");
                failedStems.Add(Path.GetFileNameWithoutExtension(f));
            }
        }
        var names = parsed.SelectMany(p => p.Objects.Select(o => o.Name)).Distinct().Order(StringComparer.Ordinal).ToList();
        var categories = names.Select((n, i) => new Category(i + 1, n)).ToList();
        var idOf = categories.ToDictionary(c => c.Name, c => c.Id);
        var splitOf = ReadSplits(root);
        long imageId = 0, annotationId = 0;
        var images = new List<DatasetImage>(parsed.Count);
        foreach (var p in parsed)
        {
            var annotations = p.Objects.Select(o => new Annotation(++annotationId, idOf[o.Name], o.Box)
            {
                Difficult = o.Difficult,
                Truncated = o.Truncated,
            }).ToList();
            images.Add(new DatasetImage(++imageId, p.FilePath, p.Width, p.Height, annotations)
            {
                Split = splitOf.GetValueOrDefault(Path.GetFileNameWithoutExtension(p.AnnotationFile)),
            });
        }
        var referenced = parsed.Select(p => p.FilePath).ToHashSet(StringComparer.Ordinal);
        var imageDirectory = Path.Combine(root, ImageFolder);
        if (Directory.Exists(imageDirectory))
            foreach (var image in ImageFiles.Under(imageDirectory, warnings: warnings, root: root))
                // An image whose annotation file failed above is already reported with that file's error.
                if (!referenced.Contains(ImageFiles.Relative(root, image)) && !failedStems.Contains(Path.GetFileNameWithoutExtension(image)))
                    warnings.Skip(ImageFiles.Relative(root, image), "image has no annotation file; not read");
        return new Dataset(root, categories, images, warnings);
    }

    private sealed record VocObject(string Name, BoxXywh Box, bool Difficult, bool Truncated);

    private sealed record VocFile(string AnnotationFile, string FilePath, int Width, int Height, List<VocObject> Objects);

    /// <summary>ImageSets/Main/{train,val,test}.txt: one image stem per line; the first list naming a stem wins.</summary>
    private static Dictionary<string, string> ReadSplits(string root)
    {
        var splitOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var split in Splits)
        {
            var list = Path.Combine(root, SplitFolder, split + ".txt");
            if (!File.Exists(list)) continue;
            foreach (var line in File.ReadLines(list))
                if (line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is [var stem, ..])
                    splitOf.TryAdd(stem, split);
        }
        return splitOf;
    }

    /// <summary>No DTD at all: VOC annotations never need one, and a DTD is what external entities and entity bombs need.</summary>
    private static readonly XmlReaderSettings SafeXml = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    private static VocFile Parse(string root, string path)
    {
        var shown = ImageFiles.Relative(root, path);
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(path, SafeXml);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            // The reader refuses the DTD before it counts lines, so the position is looked up here.
            var text = File.ReadAllText(path);
            int at = Math.Max(0, text.IndexOf("<!DOCTYPE", StringComparison.Ordinal));
            int lineStart = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
            var position = new TextPosition(text.AsSpan(0, at).Count('\n') + 1, at - lineStart + 1);
            throw new VisionException(shown, position,
                "a DTD (<!DOCTYPE …>) is not allowed in an annotation: it can declare entities that read other files (XXE) or expand without end (billion laughs)", e);
        }
        catch (XmlException e)
        {
            // The position leads the line; XmlException's message ends by repeating it.
            var syntax = e.Message.ReplaceLineEndings(" ").Replace($" Line {e.LineNumber}, position {e.LinePosition}.", "").TrimEnd();
            throw new VisionException(shown, new TextPosition(e.LineNumber, e.LinePosition), syntax, e);
        }
        var annotation = document.Root is { Name.LocalName: "annotation" } r ? r
            : throw Error(shown, document.Root, "root element must be <annotation>");
        var fileName = Text(shown, annotation, "filename");
        if (ImageFiles.NotRelative(fileName) is { } problem)
            throw Error(shown, ValueOf(annotation.Element("filename")!), $"<filename> {problem}");
        var imagePath = $"{ImageFolder}/{fileName}";
        int width = 0, height = 0;
        if (annotation.Element("size") is { } size)
        {
            width = Integer(shown, size, "width");
            height = Integer(shown, size, "height");
        }
        if (width <= 0 || height <= 0) (width, height) = ImageHeader.ReadSize(Path.Combine(root, imagePath));
        var objects = new List<VocObject>();
        var index = 0;
        foreach (var o in annotation.Elements("object"))
        {
            index++;
            var name = Text(shown, o, "name");
            var box = o.Element("bndbox") ?? throw Error(shown, o, $"<object> {index} ({name}) has no <bndbox>");
            double xmin = Number(shown, box, "xmin"), ymin = Number(shown, box, "ymin");
            double xmax = Number(shown, box, "xmax"), ymax = Number(shown, box, "ymax");
            if (xmax < xmin || ymax < ymin)
                throw Error(shown, ValueOf(box.Element(xmax < xmin ? "xmax" : "ymax")!), $"<object> {index} ({name}): xmax/ymax ({xmax}, {ymax}) lie before xmin/ymin ({xmin}, {ymin})");
            objects.Add(new VocObject(name, new BoxXywh(xmin - 1, ymin - 1, xmax - xmin + 1, ymax - ymin + 1),
                Flag(shown, o, "difficult"), Flag(shown, o, "truncated")));
        }
        return new VocFile(path, imagePath, width, height, objects);
    }

    private static string Text(string file, XElement parent, string name) =>
        parent.Element(name)?.Value.Trim() is { Length: > 0 } value ? value
            : throw Error(file, parent, $"<{parent.Name.LocalName}> has no <{name}>");

    private static double Number(string file, XElement parent, string name)
    {
        var text = Text(file, parent, name);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value
            : throw Error(file, ValueOf(parent.Element(name)!), $"<{parent.Name.LocalName}>/<{name}> '{text}' is not a number");
    }

    private static int Integer(string file, XElement parent, string name)
    {
        var text = Text(file, parent, name);
        return int.TryParse(text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var value) ? value
            : throw Error(file, ValueOf(parent.Element(name)!), $"<{parent.Name.LocalName}>/<{name}> '{text}' is not an integer");
    }

    private static bool Flag(string file, XElement parent, string name) =>
        parent.Element(name) is not null && Number(file, parent, name) != 0;

    /// <summary>An error at <paramref name="at"/>'s line and column (for an element, where its name starts, just after the '&lt;').</summary>
    private static VisionException Error(string file, XObject? at, string problem) =>
        new(file, at is IXmlLineInfo info && info.HasLineInfo() ? new TextPosition(info.LineNumber, info.LinePosition) : null, problem);

    /// <summary>Where an element's value stands: its text, or the element itself when it has none.</summary>
    private static XObject ValueOf(XElement element) => element.Nodes().OfType<XText>().FirstOrDefault() ?? (XObject)element;
}
