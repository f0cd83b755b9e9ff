using System.CommandLine;
using OpenCvSharp;
using VisionPipeline.Cli.Terminal;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats.MaskFolder;
using VisionPipeline.Evaluation.Inputs;
using VisionPipeline.Evaluation.Inputs.Predictions;
using VisionPipeline.Evaluation.Reports;
using VisionPipeline.Evaluation.Segmentation;
using VisionPipeline.Graph.Pipelines;

namespace VisionPipeline.Cli.Commands.Eval;

/// <summary>
/// `vision eval segmentation`: label-map PNG folders (or a mask dataset run through a semantic-segmentation pipeline
/// or model) → one confusion matrix over all pixels → IoU metrics.
/// </summary>
internal static class SegmentationEvalCommand
{
    /// <summary>Where, under the run's output folder, the label maps rebuilt from its masks are written.</summary>
    public const string LabelMapsFolder = "label_maps";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var gt = new Option<string>("--gt") { Description = "Folder of ground-truth label maps (8-bit PNG, pixel = class index), or a mask dataset (images/ + masks/)", Required = true };
        var pred = new Option<string?>("--pred") { Description = "Folder of predicted label maps, same relative paths" };
        var pipeline = new Option<string?>("--pipeline", "-p") { Description = "Instead of --pred: run this semantic-segmentation pipeline (built-in name or file) over the mask dataset's images" };
        var model = new Option<string?>("--model", "-m") { Description = "Instead of --pred: run this semantic-segmentation model file over the mask dataset's images" };
        var runOutput = new Option<string?>("--output", "-o") { Description = "With --pipeline/--model: where the run's outputs and rebuilt label maps go (default: a temporary folder, removed afterwards)" };
        var node = new Option<string?>("--node") { Description = "With --pipeline: use only this node's masks" };
        var models = CommonOptions.Models();
        var classes = new Option<int>("--num-classes") { Description = "Number of classes K (labels 0..K-1)", Required = true };
        var ignore = new Option<int>("--ignore-index") { Description = "Ground-truth value of pixels to skip", DefaultValueFactory = _ => 255 };
        var output = new EvalOutput();
        var command = new Command("segmentation", "Semantic segmentation: mIoU, pixel accuracy, mean class accuracy, fwIoU, Dice")
        {
            gt, pred, pipeline, model, runOutput, node, models, classes, ignore,
        };
        output.AddTo(command);
        command.SetAction(result =>
        {
            int k = result.GetValue(classes);
            if (k < 1 || k > 256) throw new ConfigurationException(null, "--num-classes must be between 1 and 256");
            var sources = new[] { result.GetValue(pred), result.GetValue(pipeline), result.GetValue(model) }.Count(s => s is not null);
            if (sources != 1) throw new ConfigurationException(null, "give exactly one of --pred, --pipeline, --model");
            if (result.GetValue(pred) is { } predDir) return Evaluate(result.GetValue(gt)!, predDir, [], result, k, ignore, output, stdout, stderr);

            using var folder = new EvalRunFolder(result.GetValue(runOutput));
            var document = PipelinePredictions.Document(result.GetValue(model), result.GetValue(pipeline));
            var root = result.GetValue(gt)!;
            if (!Directory.Exists(Path.Combine(root, MaskFolderReader.ImagesFolder)))
                throw new ConfigurationException(root, "with --pipeline/--model the ground truth must be a mask dataset (images/ + masks/), whose images are run");
            var truth = new GroundTruthSet(MaskFolderReader.Read(root));
            var resultsFile = PipelinePredictions.Run(document, result.GetValue(models), truth, folder.Path, stderr);
            var problems = EvalOutput.TruthWarnings(stderr, truth.Dataset);
            var labelMaps = Path.Combine(folder.Path, LabelMapsFolder);
            ResultsJsonlLabelMaps.Write(resultsFile, truth, result.GetValue(node), labelMaps, problems);
            return Evaluate(root, labelMaps, problems, result, k, ignore, output, stdout, stderr);
        });
        return command;
    }

    private static int Evaluate(string truthDirectory, string predictionDirectory, IReadOnlyList<string> problems, ParseResult result,
        int k, Option<int> ignore, EvalOutput output, TextWriter stdout, TextWriter stderr)
    {
        foreach (var p in problems) stderr.WriteLine($"error: {p}");
        var (pairs, missing) = LabelMapPairs.Find(truthDirectory, predictionDirectory);
        int failed = missing.Count;
        foreach (var m in missing) stderr.WriteLine($"error: {Path.Combine(predictionDirectory, m)}: no prediction for this ground-truth label map");

        var confusion = new SegmentationConfusion(k, result.GetValue(ignore));
        foreach (var (truthPath, predictionPath) in pairs)
        {
            try
            {
                using var truth = ReadLabels(truthPath);
                using var predicted = ReadLabels(predictionPath);
                confusion.Add(truth, predicted);
            }
            catch (VisionException e)
            {
                failed++;
                stderr.WriteLine($"error: {e.Message}");
            }
            catch (LabelMapException e)
            {
                failed++;
                stderr.WriteLine($"error: {(e.InGroundTruth ? truthPath : predictionPath)}: {e.Message}");
            }
        }
        var metrics = SegmentationMetrics.From(confusion);
        Print(stdout, metrics, pairs.Count - (failed - missing.Count), failed);
        if (result.GetValue(output.Json) is { } json) WriteJson(json, metrics);
        if (result.GetValue(output.Report) is { } dir) stdout.WriteLine($"report: {EvalOutput.WriteReport(dir, Report(metrics, confusion))}");
        return failed == 0 && problems.Count == 0 ? VisionApp.Success : VisionApp.SomeFailed;
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
