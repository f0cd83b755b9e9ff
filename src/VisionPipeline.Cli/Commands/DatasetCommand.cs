using System.CommandLine;
using System.Text.Json;
using VisionPipeline.Cli.Terminal;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets;
using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Formats.Files;
using VisionPipeline.Datasets.Statistics;

namespace VisionPipeline.Cli.Commands;

/// <summary>`vision dataset convert|stats|digits|synth`: move labelled images between formats, summarise them, make demo data.</summary>
internal static partial class DatasetCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr) =>
        new("dataset", "Convert datasets between COCO, YOLO, Pascal VOC, ImageFolder and mask folders; summarise them; make demo datasets")
        {
            Convert(stdout, stderr),
            Stats(stdout, stderr),
            Digits(stdout, stderr),
            Synth(stdout, stderr),
        };

    private static Option<string> Input() => new("--input", "-i")
    {
        Description = "Dataset: COCO .json (or a folder with annotations.json), YOLO data.yaml (or its folder), or the VOC / ImageFolder / mask folder",
        Required = true,
    };

    private static Option<string?> Format() => new("--format", "-f") { Description = $"Input format ({DatasetFormatNames.All}); guessed from the input when left out" };

    private static Option<string?> Images() => new("--images") { Description = "COCO only: folder that file_name is relative to (default: the .json file's folder)" };

    private static Command Convert(TextWriter stdout, TextWriter stderr)
    {
        var input = Input();
        var format = Format();
        var images = Images();
        var output = new Option<string>("--output", "-o") { Description = "Output folder", Required = true };
        var to = new Option<string>("--to") { Description = $"Output format ({DatasetFormatNames.All})", Required = true };
        var command = new Command("convert", "Write a dataset in another format, copying its images; reports what the target format cannot hold")
        {
            input, format, images, output, to,
        };
        command.SetAction(result =>
        {
            var target = DatasetFormatNames.Parse(result.GetValue(to)!);
            var inputPath = result.GetValue(input)!;
            var (dataset, sourceFormat) = Open(inputPath, result.GetValue(format), result.GetValue(images));
            var counted = new CountingImages(dataset.Images);
            var reading = new Dataset(dataset.ImageRoot, dataset.Categories, counted, dataset.Warnings);
            var losses = new LossReport();
            var outputDirectory = Path.GetFullPath(result.GetValue(output)!);
            var inputFolder = Directory.Exists(inputPath) ? inputPath : Path.GetDirectoryName(Path.GetFullPath(inputPath))!;
            foreach (var folder in new[] { inputFolder, dataset.ImageRoot })
                if (Overlap(outputDirectory, folder))
                    throw new ConfigurationException(outputDirectory,
                        $"the output folder is, contains or lies inside the input dataset's folder {Path.GetFullPath(folder)}; converting there could overwrite or mix with its files");
            AtomicFile.RemoveLeftovers(outputDirectory); // a killed run's half-written files; the rerun rewrites the rest
            var summary = DatasetFormats.Writer(target).Write(reading, outputDirectory, losses);
            PrintWarnings(stderr, dataset.Warnings);
            stdout.WriteLine($"read {sourceFormat.Name()}: {counted.Images} images, {counted.Annotations} annotations, {dataset.Categories.Count} categories");
            stdout.WriteLine($"wrote {target.Name()} to {outputDirectory}: {summary.Images} images, {summary.Annotations} {(target == DatasetFormat.Yolo ? "label rows" : "annotations")}");
            if (!losses.IsEmpty)
            {
                stdout.WriteLine($"not carried over to {target.Name()}:");
                foreach (var line in losses.Lines()) stdout.WriteLine($"  {line}");
            }
            return ExitCode(stderr, dataset.Warnings);
        });
        return command;
    }

    private static Command Stats(TextWriter stdout, TextWriter stderr)
    {
        var input = Input();
        var format = Format();
        var images = Images();
        var json = new Option<string?>("--json") { Description = "Also write the statistics as JSON to this file" };
        var command = new Command("stats", "Count images, classes, objects per class, image sizes and COCO object size ranges") { input, format, images, json };
        command.SetAction(result =>
        {
            var (dataset, sourceFormat) = Open(result.GetValue(input)!, result.GetValue(format), result.GetValue(images));
            var stats = DatasetStatistics.Compute(dataset);
            PrintWarnings(stderr, dataset.Warnings);
            WriteText(stdout, sourceFormat, stats);
            if (result.GetValue(json) is { } jsonPath)
                AtomicFile.WriteText(jsonPath, JsonSerializer.Serialize(stats, JsonOptions) + "\n");
            return ExitCode(stderr, dataset.Warnings);
        });
        return command;
    }

    /// <summary>True when the folders are the same or one lies inside the other (full paths).</summary>
    private static bool Overlap(string a, string b)
    {
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var x = Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)) + Path.DirectorySeparatorChar;
        var y = Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)) + Path.DirectorySeparatorChar;
        return x.StartsWith(y, comparison) || y.StartsWith(x, comparison);
    }

    private const int WarningsShown = 20;

    private static void PrintWarnings(TextWriter stderr, DatasetWarnings warnings)
    {
        var items = warnings.Items;
        foreach (var warning in items.Take(WarningsShown)) stderr.WriteLine($"warning: {warning}");
        if (items.Count > WarningsShown) stderr.WriteLine($"warning: … and {items.Count - WarningsShown} more warnings ({items.Count} in all)");
    }

    /// <summary>
    /// 1 when some input was not read or some image not written (those warnings say "not read" / "not
    /// written"); informational warnings alone keep 0.
    /// </summary>
    private static int ExitCode(TextWriter stderr, DatasetWarnings warnings)
    {
        if (warnings.Skipped == 0) return VisionApp.Success;
        stderr.WriteLine($"vision: {warnings.Skipped} input{(warnings.Skipped == 1 ? "" : "s")} not read or not written (see the warnings above)");
        return VisionApp.SomeFailed;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    private static (Dataset, DatasetFormat) Open(string input, string? format, string? images)
    {
        var sourceFormat = format is null ? DatasetFormats.Detect(input) : DatasetFormatNames.Parse(format);
        return (DatasetFormats.Read(sourceFormat, input, images), sourceFormat);
    }

    private static void WriteText(TextWriter stdout, DatasetFormat format, DatasetStatistics stats)
    {
        stdout.WriteLine($"format: {format.Name()}");
        stdout.WriteLine($"images: {stats.Images} ({stats.ImagesWithoutLabels} without labels)");
        stdout.WriteLine($"objects: {stats.Objects} ({stats.CrowdObjects} crowd)");
        stdout.WriteLine($"classes: {stats.Classes.Count}");
        stdout.WriteLine();
        var classes = new TextTable("id", "class", "objects", "images");
        foreach (var c in stats.Classes) classes.Add(c.Id, c.Name, c.Objects, c.Images);
        classes.Write(stdout);
        stdout.WriteLine();
        stdout.WriteLine($"object sizes (COCO area): small (< 32²) {stats.ObjectSizes.Small}, medium (< 96²) {stats.ObjectSizes.Medium}, large {stats.ObjectSizes.Large}");
        stdout.WriteLine();
        var sizes = new TextTable("image size", "images");
        foreach (var s in stats.ImageSizes.Take(10)) sizes.Add($"{s.Width}x{s.Height}", s.Images);
        if (stats.ImageSizes.Count > 10) sizes.Add($"({stats.ImageSizes.Count - 10} more sizes)", stats.ImageSizes.Skip(10).Sum(s => s.Images));
        sizes.Write(stdout);
    }

    /// <summary>Counts images and annotations as a writer streams them.</summary>
    private sealed class CountingImages(IEnumerable<DatasetImage> images) : IEnumerable<DatasetImage>
    {
        public int Images { get; private set; }
        public int Annotations { get; private set; }

        public IEnumerator<DatasetImage> GetEnumerator()
        {
            foreach (var image in images)
            {
                Images++;
                Annotations += image.Annotations.Count;
                yield return image;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
