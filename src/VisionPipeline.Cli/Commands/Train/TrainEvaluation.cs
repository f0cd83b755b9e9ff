using System.Text.Json;
using VisionPipeline.Training;
using VisionPipeline.Training.Tasks;

namespace VisionPipeline.Cli.Commands.Train;

/// <summary>
/// The exported model evaluated on the held-out split by `vision eval` itself (run in-process with the same
/// arguments a user would type), with its report and metrics kept in the output folder's evaluation/.
/// </summary>
internal sealed record TrainEvaluation(IReadOnlyDictionary<string, double> Metrics, string? ReportHtml, bool Failed, string Command)
{
    public static TrainEvaluation None { get; } = new(new Dictionary<string, double>(), null, false, "");

    public static TrainEvaluation Run(TrainingOutcome outcome, string? models, TextWriter stderr)
    {
        var folder = Path.Combine(outcome.Folder.Directory, "evaluation");
        var metricsFile = Path.Combine(folder, "metrics.json");
        var kind = TrainCommand.EvalKind(outcome.Task.Kind);
        var args = new List<string> { "eval", kind, "--gt", outcome.ValidationTruth!, "--model", outcome.Folder.Model, "--json", metricsFile, "--report", folder };
        if (outcome.Task.Kind == TaskKind.Segment) args.AddRange(["--num-classes", outcome.Task.Classes.Count.ToString()]);
        if (models is not null) args.AddRange(["--models", models]);
        var output = new StringWriter();
        var errors = new StringWriter();
        int code = VisionApp.Execute([.. args], output, errors);
        var command = "vision " + string.Join(' ', args.Select(a => a.Contains(' ') ? $"'{a}'" : a));
        if (code != VisionApp.Success || !File.Exists(metricsFile))
        {
            stderr.Write(errors.ToString());
            stderr.WriteLine($"error: the evaluation of the trained model failed (exit {code}): {command}");
            return new TrainEvaluation(new Dictionary<string, double>(), null, true, command);
        }
        var reportFile = Path.Combine(folder, "report.html");
        return new TrainEvaluation(Headline(outcome.Task.Kind, metricsFile), File.Exists(reportFile) ? File.ReadAllText(reportFile) : null, false, command);
    }

    /// <summary>The metrics the run reports, named as `--json` names them (val_…).</summary>
    private static Dictionary<string, double> Headline(TaskKind task, string metricsFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(metricsFile));
        var root = document.RootElement;
        var picks = task switch
        {
            TaskKind.Classify => new[] { ("accuracy", "val_accuracy"), ("macro_f1", "val_macro_f1") },
            TaskKind.Detect => [("AP50", "val_map50"), ("AP", "val_map"), ("AP75", "val_map75")],
            _ => [("miou", "val_miou"), ("pixel_accuracy", "val_pixel_accuracy")],
        };
        var metrics = new Dictionary<string, double>();
        foreach (var (key, name) in picks)
            if (root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number) metrics[name] = value.GetDouble();
        return metrics;
    }
}
