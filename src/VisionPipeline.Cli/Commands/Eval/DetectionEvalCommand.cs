using System.CommandLine;
using System.Globalization;
using VisionPipeline.Cli.Terminal;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats;
using VisionPipeline.Evaluation.Detection;
using VisionPipeline.Evaluation.Detection.Coco;
using VisionPipeline.Evaluation.Inputs;
using VisionPipeline.Evaluation.Inputs.Predictions;
using VisionPipeline.Graph.Pipelines;

namespace VisionPipeline.Cli.Commands.Eval;

/// <summary>
/// `vision eval detection`: COCO metrics (pycocotools' numbers to the last digit), VOC AP50 and precision/recall/F1
/// at a confidence, from a results file or from running a pipeline over the ground truth's images.
/// </summary>
internal static class DetectionEvalCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var gt = new Option<string>("--gt") { Description = "Ground truth: COCO .json, YOLO data.yaml or folder, VOC folder", Required = true };
        var gtFormat = new Option<string?>("--gt-format") { Description = $"Ground-truth format ({DatasetFormatNames.All}); default: recognised from the path" };
        var pred = new Option<string?>("--pred") { Description = "Predictions: COCO results .json, results.jsonl, or a folder of YOLO .txt files with confidences" };
        var pipeline = new Option<string?>("--pipeline", "-p") { Description = "Instead of --pred: run this pipeline (built-in name or file) over the ground-truth images" };
        var model = new Option<string?>("--model", "-m") { Description = "Instead of --pred: run this model file over the ground-truth images" };
        var output = new Option<string?>("--output", "-o") { Description = "With --pipeline/--model: where the run's outputs go (default: a temporary folder, removed afterwards)" };
        var node = new Option<string?>("--node") { Description = "results.jsonl: evaluate only this node's detections" };
        var iouType = new Option<string>("--iou-type") { Description = "bbox or segm", DefaultValueFactory = _ => "bbox" };
        var confidence = new Option<double>("--conf") { Description = "Confidence for the precision/recall/F1 operating point", DefaultValueFactory = _ => 0.25 };
        var models = CommonOptions.Models();
        var outputs = new EvalOutput();
        var command = new Command("detection", "Object detection: COCO AP/AR (bbox or segm), VOC AP50, precision/recall/F1")
        {
            gt, gtFormat, pred, pipeline, model, output, node, iouType, confidence, models,
        };
        outputs.AddTo(command);
        command.SetAction(result =>
        {
            var type = result.GetValue(iouType) switch
            {
                "bbox" => IouType.Bbox,
                "segm" => IouType.Segm,
                var other => throw new ConfigurationException(null, $"--iou-type must be bbox or segm, not '{other}'"),
            };
            var sources = new[] { result.GetValue(pred), result.GetValue(pipeline), result.GetValue(model) }.Count(s => s is not null);
            if (sources != 1) throw new ConfigurationException(null, "give exactly one of --pred, --pipeline, --model");
            double conf = result.GetValue(confidence);
            if (!double.IsFinite(conf) || conf < 0 || conf > 1) throw new ConfigurationException(null, $"--conf must be between 0 and 1, got {conf}");

            var gtPath = result.GetValue(gt)!;
            var format = result.GetValue(gtFormat) is { } f ? DatasetFormatNames.Parse(f) : DatasetFormats.Detect(gtPath);
            var truth = new GroundTruthSet(DatasetFormats.Read(format, gtPath), difficultIsCrowd: format == DatasetFormat.Voc) { Source = gtPath };
            var truthProblems = EvalOutput.TruthWarnings(stderr, truth.Dataset);

            var problems = truthProblems;
            string resultsFile;
            List<PredictedObject> predictions;
            if (result.GetValue(pred) is { } predPath)
            {
                resultsFile = predPath;
                predictions = ReadPredictions(predPath, truth, result.GetValue(node), problems);
            }
            else
            {
                using var folder = new EvalRunFolder(result.GetValue(output));
                var document = PipelinePredictions.Document(result.GetValue(model), result.GetValue(pipeline));
                resultsFile = PipelinePredictions.Run(document, result.GetValue(models), truth, folder.Path, stderr);
                predictions = ResultsJsonlReader.Read(resultsFile, truth, result.GetValue(node), problems);
            }
            foreach (var p in problems) stderr.WriteLine($"error: {p}");
            WarnUnmatched(stderr, resultsFile, truth, predictions);

            var set = CocoResultsLoader.Load(truth, predictions, type, resultsFile);
            var evaluation = DetectionResult.Evaluate(truth, set, conf);
            Print(stdout, evaluation, type);
            if (result.GetValue(outputs.Json) is { } json) WriteJson(json, evaluation);
            if (result.GetValue(outputs.Report) is { } dir) stdout.WriteLine($"report: {EvalOutput.WriteReport(dir, DetectionReport.Build(evaluation))}");
            return problems.Count == 0 ? VisionApp.Success : VisionApp.SomeFailed;
        });
        return command;
    }

    /// <summary>pycocotools drops results of unknown categories or images without a word; here they are counted.</summary>
    private static void WarnUnmatched(TextWriter stderr, string resultsFile, GroundTruthSet truth, IReadOnlyList<PredictedObject> predictions)
    {
        var categories = truth.CategoriesById.Select(c => c.Id).ToHashSet();
        var strays = predictions.Where(p => !categories.Contains(p.CategoryId)).ToList();
        if (strays.Count > 0)
            stderr.WriteLine($"warning: {resultsFile}: {strays.Count} results have a category_id that is no ground-truth category " +
                             $"(first: {strays[0].CategoryId}); they count for nothing");
        var lost = predictions.Where(p => truth.ImageById(p.ImageId) is null).ToList();
        if (lost.Count > 0)
            stderr.WriteLine($"warning: {resultsFile}: {lost.Count} results have an image_id that is no ground-truth image (first: {lost[0].ImageId}); they count for nothing");
    }

    private static List<PredictedObject> ReadPredictions(string path, GroundTruthSet truth, string? node, List<string> problems)
    {
        if (Directory.Exists(path)) return YoloPredictionReader.Read(path, truth, problems);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => CocoResultsReader.Read(path),
            ".jsonl" => ResultsJsonlReader.Read(path, truth, node, problems),
            _ when !File.Exists(path) => throw new ConfigurationException(path, "predictions not found"),
            _ => throw new ConfigurationException(path, "predictions must be a COCO results .json, a results.jsonl or a folder of YOLO .txt files"),
        };
    }

    private static readonly string[] Descriptions =
    [
        "Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ]",
        "Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=100 ]",
        "Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets=100 ]",
        "Average Precision  (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ]",
        "Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ]",
        "Average Precision  (AP) @[ IoU=0.50:0.95 | area= large | maxDets=100 ]",
        "Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ]",
        "Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 10 ]",
        "Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ]",
        "Average Recall     (AR) @[ IoU=0.50:0.95 | area= small | maxDets=100 ]",
        "Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ]",
        "Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ]",
    ];

    private static void Print(TextWriter stdout, DetectionResult r, IouType type)
    {
        stdout.WriteLine($"COCO {type.ToString().ToLowerInvariant()}: {r.Truth.Images.Count} images, {r.Problem.GroundTruths.Count} ground truths, {r.Problem.Detections.Count} detections");
        for (int i = 0; i < Descriptions.Length; i++)
            stdout.WriteLine($" {Descriptions[i]} = {r.Summary.Stats[i].Value.ToString("0.000", CultureInfo.InvariantCulture)}");
        stdout.WriteLine();
        var table = new TextTable("category", "id", "AP", "VOC AP50", "ground truths");
        for (int k = 0; k < r.Coco.CategoryIds.Count; k++)
        {
            long id = r.Coco.CategoryIds[k];
            table.Add(r.CategoryName(id), id, EvalOutput.Cell(r.Summary.PerClass[id]), EvalOutput.Cell(r.Voc.Classes[k].AveragePrecision), r.Voc.Classes[k].Positives);
        }
        table.Write(stdout);
        stdout.WriteLine();
        new TextTable("metric", "value")
            .Add("VOC AP50 (all points)", EvalOutput.Cell(r.Voc.MeanAveragePrecision))
            .Add("VOC AP50 (11 points)", EvalOutput.Cell(r.Voc.MeanElevenPointAveragePrecision))
            .Add($"precision @ conf {r.AtConfidence.Threshold:0.###}", EvalOutput.Cell(r.AtConfidence.Precision))
            .Add($"recall @ conf {r.AtConfidence.Threshold:0.###}", EvalOutput.Cell(r.AtConfidence.Recall))
            .Add($"F1 @ conf {r.AtConfidence.Threshold:0.###}", EvalOutput.Cell(r.AtConfidence.F1))
            .Add("best F1", EvalOutput.Cell(r.BestF1.F1))
            .Add("best-F1 confidence", r.BestF1.Threshold.ToString("0.####", CultureInfo.InvariantCulture))
            .Write(stdout);
    }

    private static void WriteJson(string path, DetectionResult r) => EvalOutput.WriteJson(path, w =>
    {
        foreach (var (name, value) in r.Summary.Stats) w.WriteNumber(name, value);
        w.WriteStartObject("per_class");
        foreach (var (id, ap) in r.Summary.PerClass) w.WriteNumber(id.ToString(CultureInfo.InvariantCulture), ap);
        w.WriteEndObject();
        w.WriteNumber("voc_ap50", r.Voc.MeanAveragePrecision);
        w.WriteNumber("voc_ap50_11point", r.Voc.MeanElevenPointAveragePrecision);
        WritePoint(w, "at_conf", r.AtConfidence);
        WritePoint(w, "best_f1", r.BestF1);
    });

    private static void WritePoint(System.Text.Json.Utf8JsonWriter w, string name, Evaluation.Detection.Confidence.OperatingPoint p)
    {
        w.WriteStartObject(name);
        w.WriteNumber("conf", p.Threshold);
        w.WriteNumber("precision", p.Precision);
        w.WriteNumber("recall", p.Recall);
        w.WriteNumber("f1", p.F1);
        w.WriteNumber("tp", p.TruePositives);
        w.WriteNumber("fp", p.FalsePositives);
        w.WriteNumber("fn", p.FalseNegatives);
        w.WriteEndObject();
    }
}
