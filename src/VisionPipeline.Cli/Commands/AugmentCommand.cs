using System.CommandLine;
using System.Diagnostics;
using OpenCvSharp;
using VisionPipeline.Augmentation.DatasetRuns;
using VisionPipeline.Augmentation.Recipes;
using VisionPipeline.Cli.Terminal;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Formats.Files;
using VisionPipeline.Graph.Runs;

namespace VisionPipeline.Cli.Commands;

/// <summary>`vision augment`: write N augmented copies of every image of a data set, labels moved with the pixels.</summary>
internal static class AugmentCommand
{
    public const string PreviewFile = "preview.png";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new Option<string>("--input", "-i")
        {
            Description = "Dataset: COCO .json (or a folder with annotations.json), YOLO data.yaml (or its folder), or the VOC / ImageFolder / mask folder",
            Required = true,
        };
        var format = new Option<string?>("--format", "-f") { Description = $"Input format ({DatasetFormatNames.All}); guessed from the input when left out" };
        var images = new Option<string?>("--images") { Description = "COCO only: folder that file_name is relative to (default: the .json file's folder)" };
        var output = new Option<string>("--output", "-o") { Description = "Output folder", Required = true };
        var to = new Option<string?>("--to") { Description = $"Output format ({DatasetFormatNames.All}); default: the input's" };
        var copies = new Option<int>("--copies", "-n") { Description = "Augmented copies of each image", DefaultValueFactory = _ => 1 };
        var recipe = new Option<string>("--recipe", "-r")
        {
            Description = $"Recipe: a built-in name or a .yaml file (default: {BuiltInRecipes.Default})",
            DefaultValueFactory = _ => BuiltInRecipes.Default,
        };
        var seed = new Option<ulong>("--seed", "-s") { Description = "Random seed; the same seed gives the same bytes", DefaultValueFactory = _ => 0 };
        var workers = new Option<int>("--workers") { Description = "Images augmented at once (default: one per core, at most 4)", DefaultValueFactory = _ => Math.Clamp(Environment.ProcessorCount, 1, 4) };
        var preview = new Option<int>("--preview") { Description = $"Also write {PreviewFile}: the first K augmented copies with their targets drawn", DefaultValueFactory = _ => 0 };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar" };

        var command = new Command("augment", "Write augmented copies of a dataset's images with their boxes, masks, keypoints and polygons moved alike")
        {
            input, format, images, output, to, copies, recipe, seed, workers, preview, quiet,
        };
        command.SetAction(result =>
        {
            int copyCount = result.GetValue(copies), workerCount = result.GetValue(workers), previewCount = result.GetValue(preview);
            if (copyCount < 1) throw new ConfigurationException(null, $"--copies must be at least 1, not {copyCount}");
            if (workerCount < 1) throw new ConfigurationException(null, $"--workers must be at least 1, not {workerCount}");
            if (previewCount < 0) throw new ConfigurationException(null, $"--preview must be 0 or more, not {previewCount}");
            var loaded = BuiltInRecipes.Load(result.GetValue(recipe)!);
            string inputPath = result.GetValue(input)!;
            var sourceFormat = result.GetValue(format) is { } f ? DatasetFormatNames.Parse(f) : DatasetFormats.Detect(inputPath);
            var targetFormat = result.GetValue(to) is { } t ? DatasetFormatNames.Parse(t) : sourceFormat;
            var dataset = DatasetFormats.Read(sourceFormat, inputPath, result.GetValue(images));
            string outputDirectory = Path.GetFullPath(result.GetValue(output)!);
            AtomicFile.RemoveLeftovers(outputDirectory); // a killed run's half-written files; the rerun rewrites the rest

            var options = new AugmentOptions(copyCount, result.GetValue(seed), workerCount, previewCount);
            var losses = new LossReport();
            var clock = Stopwatch.StartNew();
            DatasetAugmentation run = null!;
            var summary = LiveProgress.Track(stderr, !result.GetValue(quiet) && !Console.IsErrorRedirected, "images", progress =>
            {
                run = new DatasetAugmentation(loaded.Augmenter, options)
                {
                    Progress = (done, total, failed) => progress.Report(new RunProgress(done, total, failed)),
                };
                return run.Run(dataset, targetFormat, outputDirectory, losses);
            });
            clock.Stop();
            try
            {
                if (run.Previews.Count > 0)
                {
                    using var sheet = ContactSheet.Tiles(run.Previews);
                    Cv2.ImEncode(".png", sheet, out var png);
                    AtomicFile.Write(Path.Combine(outputDirectory, PreviewFile), s => s.Write(png));
                }
            }
            finally
            {
                foreach (var p in run.Previews) p.Dispose();
            }

            foreach (var warning in dataset.Warnings.Items) stderr.WriteLine($"warning: {warning}");
            foreach (var failure in summary.Failures) stderr.WriteLine($"error: {failure}");
            Report(stdout, summary, loaded, sourceFormat, targetFormat, outputDirectory, copyCount, clock.Elapsed, losses);
            // An input image not read, or a copy whose files could not be written, is a failure too.
            return summary.FailedImages > 0 || dataset.Warnings.Skipped > 0 ? VisionApp.SomeFailed : VisionApp.Success;
        });
        return command;
    }

    private static void Report(TextWriter stdout, AugmentSummary s, Recipe recipe, DatasetFormat from, DatasetFormat to, string output,
        int copies, TimeSpan elapsed, LossReport losses)
    {
        double rate = elapsed.TotalSeconds > 0 ? s.ImagesWritten / elapsed.TotalSeconds : 0;
        stdout.WriteLine($"recipe {recipe.Name}: {s.SourceImages} {from.Name()} images × {copies} copies → {s.ImagesWritten} {to.Name()} images in {output}");
        stdout.WriteLine($"annotations: {s.AnnotationsIn} in (all copies written), {s.Kept} kept, {s.Dropped} dropped by min_visibility {recipe.Augmenter.Rules.MinVisibility}" +
                         (s.AddedByMosaic > 0 ? $", {s.AddedByMosaic} added by mosaic from other images" : ""));
        stdout.WriteLine($"failed images: {s.FailedImages}; {elapsed.TotalSeconds:0.0} s, {rate:0.0} images/s");
        if (!losses.IsEmpty)
        {
            stdout.WriteLine($"not carried over to {to.Name()}:");
            foreach (var line in losses.Lines()) stdout.WriteLine($"  {line}");
        }
    }
}
