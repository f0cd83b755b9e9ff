using System.Text.Json;
using VisionPipeline.Cli.Commands.Eval;
using VisionPipeline.Training;

namespace VisionPipeline.Cli.Commands.Train;

/// <summary>
/// --json: task, classes, best_epoch, epochs_run, seconds, samples_per_s, the validation loss at the best epoch
/// and the exported model's metrics on the held-out split (val_accuracy, val_map50 + val_map, val_miou …).
/// </summary>
internal static class TrainJson
{
    public static string? Write(string? path, TrainingOutcome outcome, TrainEvaluation evaluation)
    {
        if (path is null) return null;
        var r = outcome.Result;
        EvalOutput.WriteJson(path, w =>
        {
            w.WriteString("task", outcome.Task.Kind.ToString().ToLowerInvariant());
            w.WriteStartArray("classes");
            foreach (var c in outcome.Task.Classes) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteString("status", r.Interrupted ? "interrupted" : "finished");
            w.WriteNumber("best_epoch", r.Members[0].BestEpoch + 1);
            w.WriteNumber("epochs_run", r.History.Count);
            w.WriteNumber("seconds", r.Seconds);
            w.WriteNumber("samples_per_s", r.SamplesPerSecond);
            var losses = r.Members.Select(m => m.Best.Loss).Where(double.IsFinite).ToList();
            if (losses.Count > 0) w.WriteNumber("val_loss", losses.Average());
            foreach (var (name, value) in evaluation.Metrics) w.WriteNumber(name, value);
            w.WriteString("model", outcome.Folder.Model);
        });
        return path;
    }
}
