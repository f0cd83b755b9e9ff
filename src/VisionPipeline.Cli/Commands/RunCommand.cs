using System.CommandLine;
using VisionPipeline.Cli.Terminal;
using VisionPipeline.Core.Errors;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Pipelines;
using VisionPipeline.Graph.Running;
using VisionPipeline.Graph.Sinks;
using VisionPipeline.Graph.Sources;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Cli.Commands;

/// <summary>`vision run`: a pipeline over a folder, file or glob of images.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new Option<string>("--input", "-i") { Description = "Image folder (recursive), image file, or glob such as 'photos/**/*.jpg'", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Output folder", DefaultValueFactory = _ => "out" };
        var pipeline = new Option<string>("--pipeline", "-p")
        {
            Description = $"Built-in pipeline: {string.Join(", ", BuiltInPipelines.Names)}",
            DefaultValueFactory = _ => "default",
        };
        var workers = new Option<int>("--workers") { Description = "Images processed at once (default: one per core, at most 4)" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads per model (default: cores / workers)" };
        var interThreads = new Option<int>("--inter-op-threads") { Description = "ONNX Runtime inter-op threads (default: runtime's choice)" };
        var device = new Option<string>("--device") { Description = "cpu or cuda (ONNX Runtime models; falls back to cpu with a warning)", DefaultValueFactory = _ => "cpu" };
        var noAnnotated = new Option<bool>("--no-annotated") { Description = "Do not write annotated images" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar or summary table" };
        var models = CommonOptions.Models();

        var command = new Command("run", "Run a pipeline over images; writes results.jsonl, annotated images and mask PNGs")
        {
            input, output, pipeline, workers, threads, interThreads, device, noAnnotated, quiet, models,
        };
        command.SetAction(result =>
        {
            NativeRuntime.OpenCvVersion();
            var runOptions = new RunOptions { Workers = result.GetValue(workers), WriteAnnotated = !result.GetValue(noAnnotated) };
            if (runOptions.Workers < 0) throw new ConfigurationException(null, "--workers must be 0 (automatic) or more");
            int intra = result.GetValue(threads);
            if (intra < 0) throw new ConfigurationException(null, "--threads must be 0 (automatic) or more");
            var engineOptions = new EngineOptions
            {
                Device = ParseOrThrow(() => EngineOptions.ParseDevice(result.GetValue(device))),
                IntraOpThreads = intra > 0 ? intra : Math.Max(1, Environment.ProcessorCount / runOptions.EffectiveWorkers),
                InterOpThreads = result.GetValue(interThreads),
                Warn = message => stderr.WriteLine($"warning: {message}"),
            };

            var resolution = InputResolver.Resolve(result.GetValue(input)!);
            if (resolution.Files.Count == 0)
                throw new ConfigurationException(result.GetValue(input), "no image files found");

            var store = CommonOptions.OpenStore(result, models);
            using var built = BuiltInPipelines.Create(result.GetValue(pipeline)!, new ModelCatalog(store, engineOptions));
            var layout = new OutputLayout(result.GetValue(output)!);

            bool interactive = !result.GetValue(quiet) && !Console.IsErrorRedirected;
            var bar = new ProgressBar(stderr, interactive);
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                if (cancel.IsCancellationRequested) return; // a second Ctrl-C ends the process
                e.Cancel = true;
                cancel.Cancel();
                stderr.WriteLine("\nstopping: finishing the images in flight (Ctrl-C again to abort)");
            };
            Console.CancelKeyPress += onCancel;
            RunSummary summary;
            try
            {
                summary = new FolderRunner(built, layout, runOptions).Run(resolution.Files, bar, cancel.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
                bar.Finish();
            }

            if (!result.GetValue(quiet)) WriteSummary(stdout, built, summary, layout, resolution.SkippedNonImages);
            foreach (var (_, error) in summary.Failures) stderr.WriteLine($"error: {error}");
            if (summary.Cancelled) return VisionApp.Interrupted;
            return summary.Failed == 0 ? VisionApp.Success : VisionApp.SomeFailed;
        });
        return command;
    }

    private static T ParseOrThrow<T>(Func<T> parse)
    {
        try { return parse(); }
        catch (ArgumentException e) { throw new ConfigurationException(null, e.Message); }
    }

    private static void WriteSummary(TextWriter w, Pipeline pipeline, RunSummary s, OutputLayout layout, int skipped)
    {
        w.WriteLine();
        new TextTable("pipeline", "images", "ok", "failed", "wall s", "images/s", "workers")
            .Add(pipeline.Name, s.Processed, s.Succeeded, s.Failed, s.Wall.TotalSeconds.ToString("0.00"),
                s.ImagesPerSecond.ToString("0.00"), s.Workers)
            .Write(w);
        if (skipped > 0) w.WriteLine($"({skipped} non-image files in the input folder were skipped)");
        if (s.Cancelled) w.WriteLine($"Stopped early: {s.Processed} of {s.Total} images done.");

        w.WriteLine();
        var models = new TextTable("model", "engine", "runs", "ms/run", "ms/image");
        foreach (var m in s.Models)
            models.Add(m.Model, m.Engine, m.Runs,
                m.Runs > 0 ? (m.Total.TotalMilliseconds / m.Runs).ToString("0.0") : "-",
                s.Succeeded > 0 ? (m.Total.TotalMilliseconds / s.Succeeded).ToString("0.0") : "-");
        models.Write(w);

        w.WriteLine();
        var nodes = new TextTable("node", "ms/image (pre/post-processing included)");
        foreach (var node in pipeline.Nodes)
            nodes.Add(node.Id, s.Succeeded > 0 && s.Nodes.TryGetValue(node.Id, out var t) ? (t.TotalMilliseconds / s.Succeeded).ToString("0.0") : "-");
        nodes.Write(w);

        if (s.Failures.Count > 0)
        {
            w.WriteLine();
            var failures = new TextTable("failed image", "error");
            foreach (var (image, error) in s.Failures) failures.Add(image, error);
            failures.Write(w);
        }
        w.WriteLine();
        w.WriteLine($"Results: {layout.ResultsPath}");
    }
}
