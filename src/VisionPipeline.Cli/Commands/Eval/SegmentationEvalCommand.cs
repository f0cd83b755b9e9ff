using System.CommandLine;
using OpenCvSharp;
using VisionPipeline.Cli.Terminal;
using VisionPipeline.Core.Errors;
using VisionPipeline.Evaluation.Inputs;
using VisionPipeline.Evaluation.Reports;
using VisionPipeline.Evaluation.Segmentation;

namespace VisionPipeline.Cli.Commands.Eval;

/// <summary>`vision eval segmentation`: label-map PNG folders → one confusion matrix over all pixels → IoU metrics.</summary>
internal static class SegmentationEvalCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var gt = new Option<string>("--gt") { Description = "Folder of ground-truth label maps (8-bit PNG, pixel = class index), or a mask dataset (images/ + masks/)", Required = true };
        var pred = new Option<string>("--pred") { Description = "Folder of predicted label maps, same relative paths", Required = true };
        var classes = new Option<int>("--num-classes") { Description = "Number of classes K (labels 0..K-1)", Required = true };
        var ignore = new Option<int>("--ignore-index") { Description = "Ground-truth value of pixels to skip", DefaultValueFactory = _ => 255 };
        var output = new EvalOutput();
        var command = new Command("segmentation", "Semantic segmentation: mIoU, pixel accuracy, mean class accuracy, fwIoU, Dice") { gt, pred, classes, ignore };
        output.AddTo(command);
        command.SetAction(result =>
        {
            int k = result.GetValue(classes);
            if (k < 1 || k > 256) throw new ConfigurationException(null, "--num-classes must be between 1 and 256");
            var (pairs, missing) = LabelMapPairs.Find(result.GetValue(gt)!, result.GetValue(pred)!);
            int failed = missing.Count;
            foreach (var m in missing) stderr.WriteLine($"error: {Path.Combine(result.GetValue(pred)!, m)}: no prediction for this ground-truth label map");

            var confusion = new SegmentationConfusion(k, result.GetValue(ignore));
            foreach (var (truthPath, predictionPath) in pairs)
            {
                try
                {
                    using var truth = ReadLabels(truthPath);
                    using var predicted = ReadLabels(predictionPath);
                    confusion.Add(truth, predicted);
                }
                catch (Exception e) when (e is VisionException or ArgumentException)
                {
                    failed++;
                    stderr.WriteLine($"error: {(e is VisionException ? e.Message : $"{predictionPath}: {e.Message}")}");
                }
            }
            var metrics = SegmentationMetrics.From(confusion);
            Print(stdout, metrics, pairs.Count - (failed - missing.Count), failed);
            if (result.GetValue(output.Json) is { } json) WriteJson(json, metrics);
            if (result.GetValue(output.Report) is { } dir) stdout.WriteLine($"report: {EvalOutput.WriteReport(dir, Report(metrics, confusion))}");
            return failed == 0 ? VisionApp.Success : VisionApp.SomeFailed;
        });
        return command;
    }

    private static Mat ReadLabels(string path)
    {
        var mat = Cv2.ImRead(path, ImreadModes.Unchanged);
        if (mat.Empty()) { mat.Dispose(); throw new VisionException(path, "cannot decode the label map"); }
        if (mat.Type() != MatType.CV_8UC1)
        {
            var type = mat.Type();
            mat.Dispose();
            throw new VisionException(path, $"a label map must be 8-bit single-channel, this is {type}");
        }
        return mat;
    }

    private static void Print(TextWriter stdout, SegmentationMetrics m, int images, int failed)
    {
        var perClass = new TextTable("class", "IoU", "Dice");
        for (int c = 0; c < m.PerClassIou.Count; c++) perClass.Add(c, EvalOutput.Cell(m.PerClassIou[c]), EvalOutput.Cell(m.PerClassDice[c]));
        perClass.Write(stdout);
        stdout.WriteLine();
        new TextTable("metric", "value")
            .Add("images", images).Add("failed", failed)
            .Add("mIoU", EvalOutput.Cell(m.MeanIou)).Add("pixel accuracy", EvalOutput.Cell(m.PixelAccuracy))
            .Add("mean class accuracy", EvalOutput.Cell(m.MeanClassAccuracy)).Add("fwIoU", EvalOutput.Cell(m.FrequencyWeightedIou))
            .Add("mean Dice", EvalOutput.Cell(m.MeanDice))
            .Write(stdout);
    }

    private static void WriteJson(string path, SegmentationMetrics m) => EvalOutput.WriteJson(path, w =>
    {
        EvalOutput.WriteNumberOrNull(w, "miou", m.MeanIou);
        EvalOutput.WriteNumberOrNull(w, "pixel_accuracy", m.PixelAccuracy);
        EvalOutput.WriteNumberOrNull(w, "mean_class_accuracy", m.MeanClassAccuracy);
        EvalOutput.WriteNumberOrNull(w, "fwiou", m.FrequencyWeightedIou);
        w.WriteStartArray("per_class_iou");
        foreach (var v in m.PerClassIou) { if (v is { } x) w.WriteNumberValue(x); else w.WriteNullValue(); }
        w.WriteEndArray();
        EvalOutput.WriteNumberOrNull(w, "dice", m.MeanDice);
        w.WriteStartArray("per_class_dice");
        foreach (var v in m.PerClassDice) { if (v is { } x) w.WriteNumberValue(x); else w.WriteNullValue(); }
        w.WriteEndArray();
    });

    private static HtmlReport Report(SegmentationMetrics m, SegmentationConfusion confusion)
    {
        int k = confusion.ClassCount;
        var labels = Enumerable.Range(0, k).Select(c => c.ToString()).ToList();
        var counts = new long[k, k];
        for (int r = 0; r < k; r++) for (int c = 0; c < k; c++) counts[r, c] = confusion[r, c];
        return new HtmlReport("Segmentation evaluation")
            .Table(["metric", "value"], [
                ["mIoU", EvalOutput.Cell(m.MeanIou)], ["pixel accuracy", EvalOutput.Cell(m.PixelAccuracy)],
                ["mean class accuracy", EvalOutput.Cell(m.MeanClassAccuracy)], ["fwIoU", EvalOutput.Cell(m.FrequencyWeightedIou)],
                ["mean Dice", EvalOutput.Cell(m.MeanDice)]])
            .Heading("IoU per class")
            .Markup(SvgCharts.Bars(m.PerClassIou.Select((v, c) => (c.ToString(), v ?? -1)).ToList()))
            .Heading("Confusion matrix (pixels; rows ground truth, columns prediction)")
            .Markup(SvgCharts.Heatmap(labels, counts));
    }
}
