using System.CommandLine;
using VisionPipeline.Graph.Runs;

namespace VisionPipeline.Cli.Commands;

/// <summary>`vision merge SHARD_DIR... --output DIR`: join the outputs of `vision run --shard I/N`.</summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter stdout)
    {
        var shards = new Argument<string[]>("shards") { Description = "The shards' output folders", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Merged output folder", Required = true };
        var command = new Command("merge", "Join the output folders of a sharded run into one, as a single run would have written it") { shards, output };
        command.SetAction(result =>
        {
            var summary = ShardMerger.Merge(result.GetValue(shards)!, result.GetValue(output)!);
            stdout.WriteLine($"merged {summary.Files} files ({summary.Images} result lines) into {Path.GetFullPath(result.GetValue(output)!)}");
            return VisionApp.Success;
        });
        return command;
    }
}
