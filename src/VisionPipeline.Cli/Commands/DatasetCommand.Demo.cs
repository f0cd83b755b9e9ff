using System.CommandLine;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets;
using VisionPipeline.Datasets.Demo;
using VisionPipeline.Datasets.Demo.Digits;
using VisionPipeline.Datasets.Demo.Synthetic;
using VisionPipeline.Datasets.Formats;

namespace VisionPipeline.Cli.Commands;

/// <summary>`vision dataset digits|synth`: demo datasets written as DIR/train and DIR/val.</summary>
internal static partial class DatasetCommand
{
    private static Option<string> DemoOutput() => new("--output", "-o")
    {
        Description = "Output folder; the splits are written as complete datasets in its train/ and val/ folders",
        Required = true,
    };

    private static Option<int> Seed() => new("--seed", "-s") { Description = "Random seed; the same seed gives the same bytes", DefaultValueFactory = _ => 0 };

    private static Option<double> ValFraction() => new("--val-fraction")
    {
        Description = "Share of the images held out in val/, per class",
        DefaultValueFactory = _ => DemoSplits.DefaultValFraction,
    };

    private static Command Digits(TextWriter stdout, TextWriter stderr)
    {
        var output = DemoOutput();
        var source = new Option<string>("--source") { Description = "OpenCV's digits.png (2000×1000, 20×20 cells)", DefaultValueFactory = _ => DigitsSheet.DebianPath };
        var seed = Seed();
        var valFraction = ValFraction();
        var command = new Command("digits", "Write OpenCV's 5,000 handwritten digits (opencv-doc's digits.png) as an ImageFolder, classes 0..9")
        {
            output, source, seed, valFraction,
        };
        command.SetAction(result => WriteDemo(stdout, stderr, result.GetValue(output)!, DatasetFormat.ImageFolder, DigitsSheet.Categories,
            staging => DigitsSheet.Cut(result.GetValue(source)!, staging, result.GetValue(valFraction), result.GetValue(seed))));
        return command;
    }

    private static Command Synth(TextWriter stdout, TextWriter stderr)
    {
        var task = new Option<string>("--task", "-t") { Description = "classify (ImageFolder), detect (COCO) or segment (mask folder)", Required = true };
        task.AcceptOnlyFromAmong(Enum.GetNames<SynthTask>().Select(n => n.ToLowerInvariant()).ToArray());
        var output = DemoOutput();
        var images = new Option<int?>("--images", "-n") { Description = "Images in all, train and val (default: 500 for classify, 600 otherwise)" };
        var size = new Option<int?>("--size") { Description = "Image side in pixels (default: 64 for classify, 128 otherwise)" };
        var seed = Seed();
        var valFraction = ValFraction();
        var command = new Command("synth", "Write shapes (circle, cross, square, star, triangle) on textured backgrounds with exact labels")
        {
            task, output, images, size, seed, valFraction,
        };
        command.SetAction(result =>
        {
            var options = new SynthOptions(Enum.Parse<SynthTask>(result.GetValue(task)!, ignoreCase: true), result.GetValue(images), result.GetValue(seed),
                result.GetValue(size), result.GetValue(valFraction));
            options.Check();
            return WriteDemo(stdout, stderr, result.GetValue(output)!, options.Format, Shapes.Categories, staging => SyntheticDataset.Generate(options, staging));
        });
        return command;
    }

    /// <summary>Makes the images in a staging folder, writes them as DIR/train and DIR/val, and prints a line per split.</summary>
    private static int WriteDemo(TextWriter stdout, TextWriter stderr, string output, DatasetFormat format, IReadOnlyList<Category> categories,
        Func<Staging, IReadOnlyList<DatasetImage>> make)
    {
        var outputDirectory = Path.GetFullPath(output);
        DemoWriter.CheckOutput(outputDirectory);
        using var staging = new Staging();
        var images = make(staging);
        var warnings = new DatasetWarnings();
        foreach (var split in DemoWriter.Write(staging.Root, categories, images, format, outputDirectory, warnings))
            stdout.WriteLine($"{split.Split}: {split.Images} images, {split.Objects} objects, {split.Classes} classes ({format.Name()} in {split.Directory})");
        PrintWarnings(stderr, warnings);
        return ExitCode(stderr, warnings);
    }
}
