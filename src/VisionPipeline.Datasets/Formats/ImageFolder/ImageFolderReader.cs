using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats.Files;

namespace VisionPipeline.Datasets.Formats.ImageFolder;

/// <summary>
/// Reads a classification set laid out as root/&lt;class&gt;/&lt;image&gt;: class folders in ordinal order get ids
/// 0..n−1 (torchvision's ImageFolder order). Images stream lazily; images lying directly in the root belong to
/// no class and are reported as warnings.
/// </summary>
public static class ImageFolderReader
{
    public static Dataset Read(string root)
    {
        if (!Directory.Exists(root)) throw new VisionException(root, "folder does not exist");
        var classes = Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        if (classes.Count == 0) throw new VisionException(root, "not an image folder dataset: no class folders");
        var categories = classes.Select((name, i) => new Category(i, name)).ToList();
        var warnings = new DatasetWarnings();
        foreach (var stray in ImageFiles.Under(root, recursive: false))
            warnings.Skip(ImageFiles.Relative(root, stray), "image is not inside a class folder; not read");
        return new Dataset(root, categories, Enumerate(root, categories, warnings), warnings);
    }

    private static IEnumerable<DatasetImage> Enumerate(string root, List<Category> categories, DatasetWarnings warnings)
    {
        long id = 0;
        foreach (var category in categories)
            foreach (var path in ImageFiles.Under(Path.Combine(root, category.Name), warnings: warnings, root: root))
            {
                (int Width, int Height) size;
                try { size = ImageHeader.ReadSize(path); }
                catch (VisionException e)
                {
                    warnings.Skip(e, $"image {ImageFiles.Relative(root, path)} not read");
                    continue;
                }
                yield return new DatasetImage(++id, ImageFiles.Relative(root, path), size.Width, size.Height, []) { ClassId = category.Id };
            }
    }
}
