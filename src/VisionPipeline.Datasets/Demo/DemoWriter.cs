using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats;

namespace VisionPipeline.Datasets.Demo;

/// <summary>What one split of a demo dataset holds on disk.</summary>
public sealed record SplitSummary(string Split, string Directory, int Images, int Objects, int Classes);

/// <summary>
/// Writes a made-up dataset as sibling datasets <c>DIR/train</c> and <c>DIR/val</c>, each complete in its format, through
/// the format's own writer. The generators put their images in a <see cref="Staging"/> folder first (the writers copy
/// images from a dataset's image root), which is deleted afterwards.
/// </summary>
public static class DemoWriter
{
    /// <exception cref="ConfigurationException">A split folder exists and is not empty (a rerun must not mix old images in).</exception>
    public static void CheckOutput(string outputDirectory)
    {
        foreach (var split in DemoSplits.All)
        {
            var folder = Path.Combine(outputDirectory, split);
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
                throw new ConfigurationException(Path.GetFullPath(folder), "output folder is not empty; remove it or choose another --output");
        }
    }

    /// <param name="images">Images relative to <paramref name="imageRoot"/>, each with its <see cref="DatasetImage.Split"/>.</param>
    /// <param name="warnings">Receives what the writer could not write.</param>
    public static IReadOnlyList<SplitSummary> Write(string imageRoot, IReadOnlyList<Category> categories, IReadOnlyList<DatasetImage> images,
        DatasetFormat format, string outputDirectory, DatasetWarnings warnings)
    {
        CheckOutput(outputDirectory);
        var summaries = new List<SplitSummary>();
        foreach (var split in DemoSplits.All)
        {
            var inSplit = images.Where(i => i.Split == split).ToList();
            var dataset = new Dataset(imageRoot, categories, inSplit, warnings);
            var directory = Path.GetFullPath(Path.Combine(outputDirectory, split));
            var losses = new LossReport();
            var written = DatasetFormats.Writer(format).Write(dataset, directory, losses);
            if (!losses.IsEmpty) throw new InvalidOperationException($"demo dataset lost information writing {format.Name()}: {string.Join("; ", losses.Lines())}");
            var objects = inSplit.Sum(i => i.ClassId is null ? i.Annotations.Count : 1);
            summaries.Add(new SplitSummary(split, directory, written.Images, objects, categories.Count));
        }
        return summaries;
    }
}
