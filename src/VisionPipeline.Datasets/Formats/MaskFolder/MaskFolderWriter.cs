using System.Text;
using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats.Files;

namespace VisionPipeline.Datasets.Formats.MaskFolder;

/// <summary>
/// Writes images/, masks/ (8-bit PNG label maps) and classes.txt. A category's pixel value is its id when every
/// id lies in 1..254, otherwise its position in id order + 1. Masks read from a mask folder are copied as they
/// are; otherwise each object's mask is painted with its class value in annotation order (crowd regions as
/// 255 = ignore). Boxes without a mask cannot be painted and are reported, as are instances merged into one region.
/// </summary>
public sealed class MaskFolderWriter : IDatasetWriter
{
    public WriteSummary Write(Dataset dataset, string outputDirectory, LossReport losses)
    {
        var ordered = dataset.Categories.OrderBy(c => c.Id).ToList();
        if (ordered.Count > 254) throw new ConfigurationException(null, $"{ordered.Count} classes do not fit an 8-bit label map (254 at most)");
        var idsAreValues = ordered.All(c => c.Id is >= 1 and <= 254);
        var valueOf = ordered.Select((c, i) => (c.Id, Value: idsAreValues ? (byte)c.Id : (byte)(i + 1))).ToDictionary(p => p.Id, p => p.Value);
        int images = 0, painted = 0;
        var stems = new UniqueStems();
        foreach (var image in dataset.Images)
        {
            var relative = image.FilePath.Replace('\\', '/');
            if (relative.StartsWith(MaskFolderReader.ImagesFolder + "/", StringComparison.Ordinal))
                relative = relative[(MaskFolderReader.ImagesFolder.Length + 1)..];
            var unique = stems.Claim(relative);
            if (unique != relative) losses.Add("images renamed: another image has the same name stem", $"{image.FilePath} → {MaskFolderReader.ImagesFolder}/{unique}");
            relative = unique;
            if (!PerImage.TryWrite(dataset, image, () =>
                {
                    // The mask is painted before anything is written, so a bad annotation leaves no image without its mask.
                    var copyMask = image.MaskPath is not null && idsAreValues;
                    var (count, png) = copyMask ? (image.Annotations.Count, null) : Paint(image, valueOf, losses);
                    var imageTarget = ImageFiles.Under(outputDirectory, MaskFolderReader.ImagesFolder, relative);
                    var maskTarget = ImageFiles.Under(outputDirectory, MaskFolderReader.MaskPathOf(relative));
                    PerImage.ImageThenCompanion(imageTarget, () => AtomicFile.Copy(dataset.ImagePath(image), imageTarget), () =>
                    {
                        if (copyMask) AtomicFile.Copy(Path.Combine(dataset.ImageRoot, image.MaskPath!), maskTarget);
                        else if (png is not null) AtomicFile.Write(maskTarget, stream => stream.Write(png));
                    });
                    painted += count;
                }))
                continue;
            if (image.ClassId is { } classId) losses.Add("image-level class labels (a mask folder has none)", $"class {classId} of {image.FilePath}");
            images++;
        }
        AtomicFile.WriteText(Path.Combine(outputDirectory, MaskFolderReader.ClassesFile), ClassesText(ordered, valueOf));
        return new WriteSummary(images, painted);
    }

    private static (int Painted, byte[]? Png) Paint(DatasetImage image, Dictionary<long, byte> valueOf, LossReport losses)
    {
        using var map = new Mat(image.Height, image.Width, MatType.CV_8UC1, Scalar.All(0));
        var painted = 0;
        foreach (var group in image.Annotations.Where(a => a.Segmentation is not null).GroupBy(a => a.CategoryId))
            if (group.Count() > 1) losses.Add("instances of one class merged into one region", $"category {group.Key} in {image.FilePath}");
        foreach (var a in image.Annotations)
        {
            var example = $"annotation {a.Id} in {image.FilePath}";
            if (a.Segmentation is null)
            {
                losses.Add("boxes without a mask not written", example);
                continue;
            }
            Masks.Rle rle;
            try { rle = a.Segmentation.ToRle(image.Height, image.Width); }
            catch (ArgumentException e) { throw new VisionException(image.FilePath, e.Message, $"annotation {a.Id}", e); }
            if (rle.Height != image.Height || rle.Width != image.Width)
            {
                losses.Add("masks whose size differs from their image not written", example);
                continue;
            }
            if (a.IsCrowd) losses.Add("crowd regions written as ignore (255)", example);
            if (a.Keypoints is not null) losses.Add("keypoints not written", example);
            using var region = rle.Decode();
            map.SetTo(Scalar.All(a.IsCrowd ? LabelMap.Ignore : valueOf[a.CategoryId]), region);
            painted++;
        }
        Cv2.ImEncode(".png", map, out var png);
        return (painted, png);
    }

    private static string ClassesText(List<Category> ordered, Dictionary<long, byte> valueOf)
    {
        var lines = new string[ordered.Count == 0 ? 1 : ordered.Max(c => valueOf[c.Id]) + 1];
        Array.Fill(lines, "");
        lines[0] = "background";
        foreach (var c in ordered) lines[valueOf[c.Id]] = c.Name;
        return new StringBuilder().AppendJoin('\n', lines).Append('\n').ToString();
    }
}
