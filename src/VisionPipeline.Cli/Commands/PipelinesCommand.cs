using System.CommandLine;
using VisionPipeline.Cli.Terminal;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Pipelines;

namespace VisionPipeline.Cli.Commands;

/// <summary>`vision pipelines list|show|check|kinds`.</summary>
internal static class PipelinesCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var list = new Command("list", "List the built-in pipelines");
        list.SetAction(_ =>
        {
            var table = new TextTable("name", "description");
            foreach (var name in BuiltInPipelines.Names)
                table.Add(name, PipelineFileReader.Read(BuiltInPipelines.PathOf(name)).Description);
            table.Write(stdout);
            return VisionApp.Success;
        });

        var name = new Argument<string>("pipeline") { Description = "Built-in name or .yaml file" };
        var show = new Command("show", "Print a pipeline file") { name };
        show.SetAction(result =>
        {
            stdout.Write(File.ReadAllText(BuiltInPipelines.PathOf(result.GetValue(name)!)));
            return VisionApp.Success;
        });

        var checkName = new Argument<string>("pipeline") { Description = "Built-in name or .yaml file" };
        var models = CommonOptions.Models();
        var check = new Command("check", "Validate a pipeline file without running it") { checkName, models };
        check.SetAction(result =>
        {
            var checkedPipeline = Pipeline.Check(result.GetValue(checkName)!, new PipelineOptions { ModelsDirectory = result.GetValue(models) });
            stdout.WriteLine($"{checkedPipeline.Document.Path}: ok ({checkedPipeline.Nodes.Count} nodes)");
            return VisionApp.Success;
        });

        var kinds = new Command("kinds", "List every node kind with its inputs and parameters");
        kinds.SetAction(_ =>
        {
            foreach (var kind in NodeCatalog.Kinds.Values)
            {
                stdout.WriteLine($"{kind.Name}: {kind.Description}");
                foreach (var port in kind.Ports)
                    stdout.WriteLine($"  input  {port.Name}: {port.AcceptsText}{(port.Many ? " (several)" : "")}{(port.Optional ? " (optional)" : "")}");
                foreach (var p in kind.Params)
                    stdout.WriteLine($"  param  {p.Name}: {p.Description}{(p.Choices is null ? "" : $" [{string.Join("|", p.Choices)}]")}" +
                                     $"{(p.Min is null && p.Max is null ? "" : $", {p.RangeText}")}" +
                                     $"{(p.Default is null or Array { Length: 0 } ? "" : $" (default {Format(p.Default)})")}");
            }
            return VisionApp.Success;
        });

        return new Command("pipelines", "Built-in pipelines and the pipeline file format") { list, show, check, kinds };
    }

    private static string Format(object value) => value switch
    {
        Array a => $"[{string.Join(", ", a.Cast<object>())}]",
        bool b => b ? "true" : "false",
        double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
