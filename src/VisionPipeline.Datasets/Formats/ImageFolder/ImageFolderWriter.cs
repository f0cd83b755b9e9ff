using VisionPipeline.Datasets.Formats.Files;

namespace VisionPipeline.Datasets.Formats.ImageFolder;

/// <summary>
/// Writes root/&lt;class name&gt;/&lt;image file&gt; for images with an image-level class. Object annotations and
/// images without a class have no place in this layout and are reported as losses.
/// </summary>
public sealed class ImageFolderWriter : IDatasetWriter
{
    public WriteSummary Write(Dataset dataset, string outputDirectory, LossReport losses)
    {
        Directory.CreateDirectory(outputDirectory);
        var images = 0;
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var image in dataset.Images)
        {
            foreach (var a in image.Annotations)
                losses.Add("object annotations not written (ImageFolder holds one class per image)", $"annotation {a.Id} in {image.FilePath}");
            if (image.ClassId is not { } classId || dataset.FindCategory(classId) is not { } category)
            {
                losses.Add("images without an image-level class not written", image.FilePath);
                continue;
            }
            // Images from different source folders may share a name; the later ones keep their folders in the name.
            var name = Path.GetFileName(image.FilePath);
            if (!used.Add($"{category.Name}/{name}"))
            {
                name = image.FilePath.Replace('/', '_').Replace('\\', '_');
                used.Add($"{category.Name}/{name}");
            }
            var target = ImageFiles.Under(outputDirectory, category.Name, name);
            if (PerImage.TryWrite(dataset, image, () => AtomicFile.Copy(dataset.ImagePath(image), target))) images++;
        }
        return new WriteSummary(images, 0);
    }
}
