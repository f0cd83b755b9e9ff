using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using VisionPipeline.Datasets.Formats.Files;

namespace VisionPipeline.Datasets.Formats.Voc;

/// <summary>
/// Writes Pascal VOC: JPEGImages/&lt;image&gt; (copied as it is, whatever its format) and Annotations/&lt;stem&gt;.xml,
/// boxes in VOC's 1-based inclusive convention (xmin = x + 1, xmax = x + w; see <see cref="VocReader"/>).
/// Images with a split are listed in ImageSets/Main/&lt;split&gt;.txt. VOC holds boxes only: masks, keypoints and
/// crowd flags are reported as losses.
/// </summary>
public sealed class VocWriter : IDatasetWriter
{
    public WriteSummary Write(Dataset dataset, string outputDirectory, LossReport losses)
    {
        var stems = new UniqueStems();
        var splits = new SortedDictionary<string, StringBuilder>(StringComparer.Ordinal);
        int images = 0, objects = 0;
        foreach (var image in dataset.Images)
        {
            // Images from different folders may share a name: the later ones keep their folders in the name.
            var fileName = Path.GetFileName(image.FilePath);
            if (stems.Contains(fileName)) fileName = image.FilePath.Replace('/', '_').Replace('\\', '_');
            var unique = stems.Claim(fileName);
            if (unique != fileName) losses.Add("images renamed: another image has the same name stem", $"{image.FilePath} → {VocReader.ImageFolder}/{unique}");
            fileName = unique;
            var annotation = new XElement("annotation",
                new XElement("folder", VocReader.ImageFolder),
                new XElement("filename", fileName),
                new XElement("size", new XElement("width", image.Width), new XElement("height", image.Height), new XElement("depth", 3)),
                new XElement("segmented", 0));
            foreach (var a in image.Annotations)
            {
                var example = $"annotation {a.Id} in {image.FilePath}";
                if (a.Box.Width <= 0 || a.Box.Height <= 0)
                {
                    losses.Add(Yolo.YoloWriter.EmptyBoxes, example);
                    continue;
                }
                if (a.Segmentation is not null) losses.Add("segmentations written as boxes only", example);
                if (a.Keypoints is not null) losses.Add("keypoints not written", example);
                if (a.IsCrowd) losses.Add("crowd regions written as difficult boxes (VOC has no crowd flag)", example);
                var name = dataset.FindCategory(a.CategoryId)?.Name ?? a.CategoryId.ToString(CultureInfo.InvariantCulture);
                annotation.Add(new XElement("object",
                    new XElement("name", name),
                    new XElement("pose", "Unspecified"),
                    new XElement("truncated", a.Truncated ? 1 : 0),
                    new XElement("difficult", a.Difficult || a.IsCrowd ? 1 : 0),
                    new XElement("bndbox",
                        new XElement("xmin", Format(a.Box.X + 1)),
                        new XElement("ymin", Format(a.Box.Y + 1)),
                        new XElement("xmax", Format(a.Box.X + a.Box.Width)),
                        new XElement("ymax", Format(a.Box.Y + a.Box.Height)))));
                objects++;
            }
            var stem = Path.GetFileNameWithoutExtension(fileName);
            var imageTarget = Path.Combine(outputDirectory, VocReader.ImageFolder, fileName);
            var xmlPath = Path.Combine(outputDirectory, VocReader.AnnotationFolder, stem + ".xml");
            if (!PerImage.TryWrite(dataset, image, () => PerImage.ImageThenCompanion(imageTarget, () => AtomicFile.Copy(dataset.ImagePath(image), imageTarget),
                    () => AtomicFile.Write(xmlPath, stream =>
                    {
                        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
                        new XDocument(annotation).Save(xml);
                    }))))
                continue;
            if (image.ClassId is { } classId) losses.Add("image-level class labels (VOC detection has none)", $"class {classId} of {image.FilePath}");
            if (image.Split is { } split)
            {
                if (!VocReader.Splits.Contains(split)) losses.Add("splits other than train/val/test not listed", $"{split} of {image.FilePath}");
                else (splits.TryGetValue(split, out var list) ? list : splits[split] = new StringBuilder()).Append(stem).Append('\n');
            }
            images++;
        }
        Directory.CreateDirectory(Path.Combine(outputDirectory, VocReader.AnnotationFolder));
        foreach (var (split, list) in splits)
            AtomicFile.WriteText(Path.Combine(outputDirectory, VocReader.SplitFolder, split + ".txt"), list.ToString());
        return new WriteSummary(images, objects);
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
