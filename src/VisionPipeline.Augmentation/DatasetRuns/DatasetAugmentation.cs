using System.Text.Json;
using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.IO;
using VisionPipeline.Datasets;
using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Formats.Files;

namespace VisionPipeline.Augmentation.DatasetRuns;

/// <summary>
/// Augments every image of a data set <see cref="AugmentOptions.Copies"/> times and writes the copies in a data set
/// format. Workers each hold one sample at a time; augmented images go to a staging folder inside the output as
/// they are made, and the format's writer then lays them out with their labels (written whole or not at all).
/// Copy c of image i is seeded by (seed, i, c), so the output is the same for any number of workers.
/// <c>augmentations.jsonl</c> records, per written image, the transforms applied and their parameters.
/// </summary>
public sealed class DatasetAugmentation(Augmenter augmenter, AugmentOptions options)
{
    public const string StagingFolder = ".augment-staging";
    public const string RecordFile = "augmentations.jsonl";

    /// <summary>Called after each copy with (done, total, failed).</summary>
    public Action<int, int, int>? Progress { get; init; }

    /// <summary>The first <see cref="AugmentOptions.PreviewCount"/> copies, drawn (filled once the run ends).</summary>
    public List<Mat> Previews { get; } = [];

    public AugmentSummary Run(Dataset dataset, DatasetFormat target, string outputDirectory, LossReport losses)
    {
        var images = dataset.Images.ToList();
        var loader = new DatasetSampleLoader(dataset, images);
        string staging = Path.Combine(outputDirectory, StagingFolder);
        Directory.CreateDirectory(staging);
        int total = images.Count * options.Copies, done = 0, failed = 0;
        var results = new AugmentedImage?[total];
        var previews = new Mat?[Math.Min(options.PreviewCount, total)];
        var failures = new List<string>();
        try
        {
            Parallel.For(0, total, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Workers) }, order =>
            {
                int index = order / options.Copies, copy = order % options.Copies;
                try
                {
                    results[order] = AugmentOne(loader, images[index], index, copy, order, staging, previews);
                }
                catch (Exception e) when (e is (VisionException or OpenCVException or IOException) and not OutputFullException)
                {
                    lock (failures) failures.Add(e is VisionException ? e.Message : $"{images[index].FilePath}: {e.Message.ReplaceLineEndings(" ")}");
                    Interlocked.Increment(ref failed);
                }
                Progress?.Invoke(Interlocked.Increment(ref done), total, Volatile.Read(ref failed));
            });

            var written = Finish(results);
            var augmented = new Dataset(staging, dataset.Categories, written.Select(r => r.Image), dataset.Warnings);
            DatasetFormats.Writer(target).Write(augmented, outputDirectory, losses);
            WriteRecord(written, Path.Combine(outputDirectory, RecordFile));
            Previews.AddRange(previews.OfType<Mat>());
            return new AugmentSummary(images.Count, written.Count, failed,
                written.Sum(r => (long)r.SourceAnnotations),
                written.Sum(r => (long)r.Kept), written.Sum(r => (long)r.Dropped), written.Sum(r => (long)r.Added),
                failures.Order(StringComparer.Ordinal).ToList());
        }
        catch (AggregateException e) when (e.InnerExceptions.Any(i => i is OutputFullException))
        {
            // A full disk fails every later image alike: the command stops with that one error.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions.First(i => i is OutputFullException)).Throw();
            throw;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private AugmentedImage AugmentOne(DatasetSampleLoader loader, DatasetImage image, int index, int copy, int order, string staging, Mat?[] previews)
    {
        using var sample = loader.Load(image);
        var steps = augmenter.Augment(sample, options.Seed, index, copy, loader);

        string relative = CopyPath(image.FilePath, copy);
        string? maskRelative = sample.LabelMap is null ? null : Path.ChangeExtension(relative, ".mask.png");
        Write(Path.Combine(staging, relative), sample.Image);
        if (maskRelative is not null) Write(Path.Combine(staging, maskRelative), sample.LabelMap!);
        if (order < previews.Length) previews[order] = ContactSheet.Draw(sample);

        int added = sample.Objects.Count(o => o.SourceIndex == SampleObject.FromOtherImage);
        var entry = image with
        {
            Id = order + 1,
            FilePath = relative,
            Width = sample.Width,
            Height = sample.Height,
            MaskPath = maskRelative,
            Annotations = SampleConversion.ToAnnotations(sample, () => 0),
        };
        return new AugmentedImage(entry, image.FilePath, copy, image.Annotations.Count, sample.Objects.Count - added,
            sample.DroppedSourceIndices.Count, added, steps);
    }

    /// <summary>The written copies in input order, annotation ids numbered from 1 in that order.</summary>
    private static List<AugmentedImage> Finish(AugmentedImage?[] results)
    {
        long id = 0;
        return results.OfType<AugmentedImage>()
            .Select(r => r with { Image = r.Image with { Annotations = r.Image.Annotations.Select(a => a with { Id = ++id }).ToList() } })
            .ToList();
    }

    /// <summary>images/a/b.jpg → images/a/b_aug2.jpg.</summary>
    public static string CopyPath(string filePath, int copy)
    {
        string directory = Path.GetDirectoryName(filePath)?.Replace('\\', '/') ?? "";
        string name = $"{Path.GetFileNameWithoutExtension(filePath)}_aug{copy}{Path.GetExtension(filePath)}";
        return directory.Length > 0 ? $"{directory}/{name}" : name;
    }

    private static void Write(string path, Mat image) => AtomicImageFile.Write(path, image);

    private static void WriteRecord(List<AugmentedImage> written, string path) => AtomicFile.Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
        foreach (var r in written)
        {
            var line = new { image = r.Image.FilePath, source = r.Source, copy = r.Copy, steps = JsonDocument.Parse(Augmenter.ToJson(r.Steps)).RootElement };
            writer.WriteLine(JsonSerializer.Serialize(line));
        }
    });
}
