using System.CommandLine;
using VisionPipeline.Cli.Terminal;
using VisionPipeline.Core.Errors;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Pipelines;
using VisionPipeline.Graph.Runs;
using VisionPipeline.Graph.Sources;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Cli.Commands;

/// <summary>`vision run`: a pipeline over a folder, file, glob or list of images.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new Option<string>("--input", "-i") { Description = "Image folder (recursive), image file, glob such as 'photos/**/*.jpg', or @list.txt", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Output folder", DefaultValueFactory = _ => "out" };
        var pipeline = new Option<string>("--pipeline", "-p")
        {
            Description = "A pipeline file (.yaml) or a built-in pipeline (see `vision pipelines list`)",
            DefaultValueFactory = _ => "default",
        };
        var model = new Option<string?>("--model", "-m")
        {
            Description = "Run one model file with no pipeline file: decoder, input size and labels from its metadata and outputs",
        };
        var workers = new Option<int>("--workers") { Description = "Images processed at once (default: one per core, at most 4)" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads per model (default: cores / workers)" };
        var interThreads = new Option<int>("--inter-op-threads") { Description = "ONNX Runtime inter-op threads (default: runtime's choice)" };
        var device = CommonOptions.Device();
        var resume = new Option<bool>("--resume") { Description = "Skip images already in the output's results.jsonl (or the .partial of a stopped run)" };
        var shard = new Option<string?>("--shard") { Description = "Process only shard I of N (I/N, 1-based); join the shards with `vision merge`" };
        var profile = new Option<bool>("--profile") { Description = "Print time per node: mean, p50, p95 and share" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar or summary table" };
        var models = CommonOptions.Models();
        var batch = CommonOptions.Batch();
        var batchWait = CommonOptions.BatchWait();

        var command = new Command("run", "Run a pipeline over images; what it writes is set by the pipeline's sinks")
        {
            input, output, pipeline, model, workers, threads, interThreads, device, batch, batchWait, resume, shard, profile, quiet, models,
        };
        command.SetAction(result =>
        {
            var (batchSize, wait) = CommonOptions.Batching(result, batch, batchWait);
            var runOptions = new RunOptions
            {
                Workers = result.GetValue(workers),
                Batch = batchSize,
                Resume = result.GetValue(resume),
                Shard = result.GetValue(shard) is { } s ? Shard.Parse(s) : null,
            };
            if (runOptions.Workers < 0) throw new ConfigurationException(null, "--workers must be 0 (automatic) or more");
            int intra = result.GetValue(threads);
            if (intra < 0) throw new ConfigurationException(null, "--threads must be 0 (automatic) or more");
            var engineOptions = new EngineOptions
            {
                Device = CommonOptions.ParseDevice(result, device),
                IntraOpThreads = runOptions.IntraOpThreads(intra),
                InterOpThreads = result.GetValue(interThreads),
                MaxBatch = batchSize,
                BatchWait = wait,
                Warn = message => stderr.WriteLine($"warning: {message}"),
            };

            // Everything that can be wrong with the call is found before the first image is read.
            var modelFile = result.GetValue(model);
            if (modelFile is not null && result.GetResult(pipeline) is { Implicit: false })
                throw new ConfigurationException(null, "give either --model or --pipeline, not both");
            var document = modelFile is null ? BuiltInPipelines.Load(result.GetValue(pipeline)!) : SingleModelPipeline.For(modelFile);
            var store = CommonOptions.OpenStore(result, models);
            try
            {
                PipelineBuilder.Check(document, store);
            }
            catch (PipelineValidationException e) when (modelFile is not null)
            {
                throw new ConfigurationException(modelFile, string.Join("; ", e.Errors.Select(x => x.Message)) +
                    " — write a pipeline file with a `model` node for it and set that field (see `vision pipelines show default`)");
            }
            var layout = new OutputLayout(result.GetValue(output)!);
            PrepareOutput(layout.Directory);
            var resolution = InputResolver.Resolve(result.GetValue(input)!, exclude: layout.Directory);
            if (resolution.Files.Count == 0)
                throw new ConfigurationException(result.GetValue(input), "no image files found");
            var items = GraphRunner.Plan(resolution.Files, runOptions.Shard);

            NativeRuntime.ShareCores(engineOptions.IntraOpThreads);
            using var graph = PipelineBuilder.Build(document, store, engineOptions, layout);

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
                summary = new GraphRunner(graph, layout, runOptions).Run(items, bar, cancel.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
                bar.Finish();
            }

            if (!result.GetValue(quiet)) SummaryTables.Write(stdout, graph, summary, layout, resolution.SkippedNonImages, runOptions.Shard);
            if (result.GetValue(profile)) SummaryTables.WriteProfile(stdout, summary);
            foreach (var (_, error) in summary.Failures) stderr.WriteLine($"error: {error}");
            if (summary.Cancelled) return VisionApp.Interrupted;
            return summary.Failed == 0 ? VisionApp.Success : VisionApp.SomeFailed;
        });
        return command;
    }

    /// <summary>The output folder must be creatable and writable before any image is processed.</summary>
    private static void PrepareOutput(string directory)
    {
        if (File.Exists(directory)) throw new ConfigurationException(directory, "--output names a file; give a folder");
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(directory, $"cannot write to the output folder: {e.Message}");
        }
    }
}
