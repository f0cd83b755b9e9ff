using System.Globalization;
using System.Net;
using System.Text;
using VisionPipeline.Evaluation.Reports;
using VisionPipeline.Training;

namespace VisionPipeline.Cli.Commands.Train;

/// <summary>report.html: learning curves (loss and metric, training and validation, per epoch) and the evaluation report.</summary>
internal static class TrainReport
{
    public static void Write(TrainingOutcome outcome, TrainEvaluation evaluation)
    {
        var history = outcome.Result.History;
        var metric = outcome.Task.MetricName;
        var report = new HtmlReport($"Training: {outcome.Task.Kind.ToString().ToLowerInvariant()} on {outcome.Data.Dataset.ImageRoot}");
        report.Paragraph($"{outcome.Data.Train.Count} training and {outcome.Data.Validation.Count} validation images ({outcome.Data.SplitSource}); " +
                         $"{outcome.Result.History.Count} epochs in {outcome.Result.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s" +
                         (outcome.Result.Interrupted ? " (interrupted)" : ""));
        foreach (var member in history.Select(h => h.Member).Distinct())
        {
            var epochs = history.Where(h => h.Member == member).ToList();
            string title = history.Any(h => h.Member > 0) ? $" (model {member + 1})" : "";
            var epochAxis = SvgCharts.Axis.Steps(epochs[0].Epoch + 1, epochs[^1].Epoch + 1);
            report.Figure(SvgCharts.LinePlot(
            [
                new SvgCharts.Series("train loss", epochs.Where(e => double.IsFinite(e.TrainLoss)).Select(e => ((double)e.Epoch + 1, e.TrainLoss)).ToList()),
                new SvgCharts.Series("validation loss", epochs.Where(e => double.IsFinite(e.ValidationLoss)).Select(e => ((double)e.Epoch + 1, e.ValidationLoss)).ToList()),
            ], "epoch", "loss", x: epochAxis, y: SvgCharts.Axis.FromZero(epochs.SelectMany(e => new[] { e.TrainLoss, e.ValidationLoss }))), $"Loss per epoch{title}");
            report.Figure(SvgCharts.LinePlot(
            [
                new SvgCharts.Series($"validation {metric}", epochs.Where(e => double.IsFinite(e.ValidationMetric)).Select(e => ((double)e.Epoch + 1, e.ValidationMetric)).ToList()),
            ], "epoch", metric, x: epochAxis), $"Validation {metric} per epoch{title}; the best epoch's weights are kept");
        }
        report.Heading("Epochs");
        report.Table(["model", "epoch", "train loss", "val loss", $"val {metric}", "lr", "seconds", "best"],
            history.Select(h => (IReadOnlyList<string>)[
                (h.Member + 1).ToString(CultureInfo.InvariantCulture), (h.Epoch + 1).ToString(CultureInfo.InvariantCulture),
                F(h.TrainLoss), F(h.ValidationLoss), F(h.ValidationMetric), h.LearningRate.ToString("G3", CultureInfo.InvariantCulture),
                h.Seconds.ToString("F1", CultureInfo.InvariantCulture), h.Best ? "*" : ""]));
        if (evaluation.ReportHtml is { } html)
        {
            report.Heading("Evaluation of model.onnx on the held-out split");
            report.Paragraph($"Made by: {evaluation.Command}");
            report.Markup($"<iframe title=\"evaluation report\" style=\"width:100%;height:1400px;border:1px solid #ccc\" srcdoc=\"{WebUtility.HtmlEncode(html)}\"></iframe>");
        }
        else if (outcome.Exported) report.Paragraph("The evaluation of the exported model failed; see the command's error output.");
        VisionPipeline.Core.IO.AtomicFile.WriteAllBytes(outcome.Folder.Report, Encoding.UTF8.GetBytes(report.ToString()));
    }

    private static string F(double value) => double.IsFinite(value) ? value.ToString("F4", CultureInfo.InvariantCulture) : "n/a";
}
