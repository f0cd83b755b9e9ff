using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats.Files;
using VisionPipeline.Datasets.Masks;

namespace VisionPipeline.Datasets.Formats.MaskFolder;

/// <summary>
/// Reads semantic-segmentation folders: images/&lt;name&gt; with masks/&lt;name stem&gt;.png, single-channel label maps.
/// Pixel value v is category id v; 0 is background and 255 is ignore, neither is an object. Class names come
/// from classes.txt (line v names value v, line 0 is the background's name, empty lines are unused values);
/// without it every value found in the masks becomes "class_v". Each value present in a mask becomes one
/// annotation holding that region as an RLE mask (box and area from the mask). Ignore pixels (255, which the
/// writer paints for crowd regions) have no class to belong to: a mask holding them gets a warning. Images stream lazily.
/// </summary>
public static class MaskFolderReader
{
    public const string ImagesFolder = "images";
    public const string MasksFolder = "masks";
    public const string ClassesFile = "classes.txt";

    public static Dataset Read(string root)
    {
        var imageDirectory = Path.Combine(root, ImagesFolder);
        if (!Directory.Exists(imageDirectory) || !Directory.Exists(Path.Combine(root, MasksFolder)))
            throw new VisionException(root, $"not a mask dataset: expected {ImagesFolder}/ and {MasksFolder}/ folders");
        var categories = File.Exists(Path.Combine(root, ClassesFile)) ? ReadClasses(root) : ScanClasses(root, imageDirectory);
        var warnings = new DatasetWarnings();
        return new Dataset(root, categories, Enumerate(root, imageDirectory, categories.Select(c => c.Id).ToHashSet(), warnings), warnings);
    }

    internal static string MaskPathOf(string imageRelativeToImages) =>
        $"{MasksFolder}/{Path.ChangeExtension(imageRelativeToImages.Replace('\\', '/'), ".png")}";

    private static List<Category> ReadClasses(string root)
    {
        var lines = File.ReadAllLines(Path.Combine(root, ClassesFile));
        // Line v + 1 names value v: the first line too many is the one that would name 255, the ignore value.
        if (lines.Length > 255)
            throw new VisionException(ClassesFile, TextPosition.StartOf(256), $"{lines.Length} lines; label maps hold values 0..254 only");
        var categories = new List<Category>();
        for (var v = 1; v < lines.Length; v++)
            if (lines[v].Trim() is { Length: > 0 } name) categories.Add(new Category(v, name));
        return categories;
    }

    private static List<Category> ScanClasses(string root, string imageDirectory)
    {
        var present = new bool[256];
        foreach (var image in ImageFiles.Under(imageDirectory))
        {
            var maskPath = Path.Combine(root, MaskPathOf(Path.GetRelativePath(imageDirectory, image)));
            if (!File.Exists(maskPath)) continue;
            using var map = LabelMap.Load(maskPath, ImageFiles.Relative(root, maskPath));
            var values = LabelMap.ValuesPresent(map);
            for (var v = 0; v < 256; v++) present[v] |= values[v];
        }
        return Enumerable.Range(1, 254).Where(v => present[v]).Select(v => new Category(v, $"class_{v}")).ToList();
    }

    private static IEnumerable<DatasetImage> Enumerate(string root, string imageDirectory, HashSet<long> categoryIds, DatasetWarnings warnings)
    {
        long imageId = 0, annotationId = 0;
        var masksRead = new HashSet<string>(StringComparer.Ordinal);
        foreach (var imagePath in ImageFiles.Under(imageDirectory, warnings: warnings, root: root))
        {
            var relative = ImageFiles.Relative(root, imagePath);
            var maskRelative = MaskPathOf(Path.GetRelativePath(imageDirectory, imagePath));
            masksRead.Add(maskRelative);
            DatasetImage image;
            try
            {
                image = ReadImage(root, imagePath, relative, maskRelative, imageId + 1, ref annotationId, categoryIds, warnings);
            }
            catch (VisionException e)
            {
                warnings.Skip(e, $"image {relative} not read");
                continue;
            }
            imageId++;
            yield return image;
        }
        foreach (var mask in FolderWalk.FilesBelow(Path.Combine(root, MasksFolder)).Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
            if (!masksRead.Contains(ImageFiles.Relative(root, mask)))
                warnings.Skip(ImageFiles.Relative(root, mask), "mask has no image; not read");
    }

    private static DatasetImage ReadImage(string root, string imagePath, string relative, string maskRelative, long imageId,
        ref long annotationId, HashSet<long> categoryIds, DatasetWarnings warnings)
    {
        var (width, height) = ImageHeader.ReadSize(imagePath);
        var maskPath = Path.Combine(root, maskRelative);
        if (!File.Exists(maskPath))
        {
            warnings.Add(relative, $"has no mask {maskRelative}; read as an image without labels");
            return new DatasetImage(imageId, relative, width, height, []);
        }
        var annotations = new List<Annotation>();
        using (var map = LabelMap.Load(maskPath, maskRelative))
        {
            if (map.Width != width || map.Height != height)
                throw new VisionException(maskRelative, $"mask is {map.Width}×{map.Height} but its image is {width}×{height}");
            var present = LabelMap.ValuesPresent(map);
            if (present[LabelMap.Ignore])
                warnings.Add(maskRelative, $"has ignore pixels (value {LabelMap.Ignore}); they belong to no class and are not read as objects");
            for (var v = 1; v < LabelMap.Ignore; v++)
            {
                if (!present[v]) continue;
                if (!categoryIds.Contains(v))
                    throw new VisionException(maskRelative, $"pixel value {v} has no class in {ClassesFile}");
                using var region = new Mat();
                Cv2.Compare(map, v, region, CmpTypes.EQ);
                var rle = Rle.Encode(region);
                annotations.Add(new Annotation(++annotationId, v, rle.ToBbox())
                {
                    Segmentation = new RleSegmentation(rle),
                    Area = rle.Area,
                });
            }
        }
        return new DatasetImage(imageId, relative, width, height, annotations) { MaskPath = maskRelative };
    }
}
