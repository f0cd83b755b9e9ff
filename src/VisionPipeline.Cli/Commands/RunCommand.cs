using System.CommandLine;
using VisionPipeline.Cli.Terminal;
using VisionPipeline.Core.Errors;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Runs;

namespace VisionPipeline.Cli.Commands;

/// <summary>`vision run`: a pipeline over a folder, file, glob or list of images.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new Option<string>("--input", "-i") { Description = "Image folder (recursive), image file, glob such as 'photos/**/*.jpg', or @list.txt", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Output folder", DefaultValueFactory = _ => "out" };
        var resume = new Option<bool>("--resume") { Description = "Skip images already in the output's results.jsonl (or the .partial of a stopped run)" };
        var shard = new Option<string?>("--shard") { Description = "Process only shard I of N (I/N, 1-based); join the shards with `vision merge`" };
        var profile = new Option<bool>("--profile") { Description = "Print time per node: mean, p50, p95 and share" };
        var noFollowLinks = new Option<bool>("--no-follow-links") { Description = "Leave out symbolic links in input folders (by default they are followed, each real folder once)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar or summary table" };
        var engine = new EngineOptionSet();
        var choice = new PipelineOptionSet();

        var command = new Command("run", "Run a pipeline over images; what it writes is set by the pipeline's sinks")
        {
            input, output, resume, shard, profile, quiet, noFollowLinks,
        };
        choice.AddTo(command);
        engine.AddTo(command);
        command.SetAction(result =>
        {
            var options = engine.Read(result, stderr) with { FollowLinks = !result.GetValue(noFollowLinks) };
            var shardText = result.GetValue(shard);
            var write = new WriteOptions { Resume = result.GetValue(resume), Shard = shardText is null ? null : Shard.Parse(shardText) };

            // Everything that can be wrong with the call is found before the first image is read.
            using var vision = choice.Open(result, options);
            var outputDirectory = result.GetValue(output)!;

            bool interactive = !result.GetValue(quiet) && !Console.IsErrorRedirected;
            using var ctrlC = new CtrlC(stderr, "finishing the images in flight");
            var summary = LiveProgress.Track(stderr, interactive, "images",
                progress => vision.Run(result.GetValue(input)!, outputDirectory, write, progress, ctrlC.Token));

            if (!result.GetValue(quiet)) SummaryTables.Write(stdout, vision.Graph, summary, new OutputLayout(outputDirectory), write.Shard);
            if (result.GetValue(profile))
            {
                // --quiet drops the summary, not what --profile asked for: node times need the model times beside them.
                if (result.GetValue(quiet)) SummaryTables.WriteModels(stdout, summary);
                SummaryTables.WriteProfile(stdout, summary);
            }
            foreach (var (_, error) in summary.Failures) stderr.WriteLine($"error: {error}");
            if (summary.Cancelled) return VisionApp.Interrupted;
            return summary.Failed == 0 ? VisionApp.Success : VisionApp.SomeFailed;
        });
        return command;
    }
}
