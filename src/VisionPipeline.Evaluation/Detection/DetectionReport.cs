using OpenCvSharp;
using VisionPipeline.Datasets;
using VisionPipeline.Evaluation.Detection.Coco;
using VisionPipeline.Evaluation.Detection.Confidence;
using VisionPipeline.Evaluation.Detection.Confusion;
using VisionPipeline.Evaluation.Detection.Voc;
using VisionPipeline.Evaluation.Inputs;
using VisionPipeline.Evaluation.Reports;

namespace VisionPipeline.Evaluation.Detection;

/// <summary>Everything one detection evaluation found, and its HTML report.</summary>
public sealed record DetectionResult(
    CocoEvaluation Coco,
    CocoSummary Summary,
    VocResult Voc,
    OperatingPoint AtConfidence,
    OperatingPoint BestF1,
    CocoProblem Problem,
    GroundTruthSet Truth)
{
    public string CategoryName(long id) => Truth.Dataset.FindCategory(id)?.Name ?? id.ToString();

    public static DetectionResult Evaluate(GroundTruthSet truth, CocoDetectionSet set, double confidence)
    {
        var coco = CocoEvaluator.Evaluate(set.Problem, set.Iou);
        var sweep = new ConfidenceSweep(coco, set.Problem.Detections);
        return new DetectionResult(coco, coco.Summarize(), VocEvaluator.Evaluate(set.Problem), sweep.At(confidence), sweep.BestF1(), set.Problem, truth);
    }
}

/// <summary>
/// The detection report: the 12 COCO numbers, VOC AP, operating points, AP by object size, precision/recall
/// curves per class (IoU 0.5, all areas, 100 detections), and the images with the most errors drawn with OpenCV —
/// misses red, false positives orange, matches green.
/// </summary>
public static class DetectionReport
{
    private const int CurvesPerChart = 8;

    public static HtmlReport Build(DetectionResult r, int worstImages = 8)
    {
        var s = r.Summary;
        var report = new HtmlReport("Detection evaluation")
            .Table(["metric", "value"], s.Stats.Select(x => (IReadOnlyList<string>)[x.Name, Format(x.Value)])
                .Append(["VOC AP50 (all points)", Format(r.Voc.MeanAveragePrecision)])
                .Append(["VOC AP50 (11 points)", Format(r.Voc.MeanElevenPointAveragePrecision)])
                .Append([$"P / R / F1 at confidence {r.AtConfidence.Threshold:0.###}", $"{Format(r.AtConfidence.Precision)} / {Format(r.AtConfidence.Recall)} / {Format(r.AtConfidence.F1)}"])
                .Append([$"best F1 (confidence {r.BestF1.Threshold:0.####})", Format(r.BestF1.F1)]))
            .Heading("AP by object size")
            .Markup(SvgCharts.Bars([("small", s.APs), ("medium", s.APm), ("large", s.APl), ("all", s.AP)]))
            .Heading("Per class")
            .Table(["category", "id", "AP", "VOC AP50", "ground truths"], r.Coco.CategoryIds.Select((id, k) => (IReadOnlyList<string>)
                [r.CategoryName(id), id.ToString(), Format(s.PerClass[id]), Format(r.Voc.Classes[k].AveragePrecision), r.Voc.Classes[k].Positives.ToString()]));

        report.Heading("Precision / recall per class (IoU 0.5, all areas, 100 detections)");
        var curves = r.Coco.CategoryIds.Select((id, k) => new SvgCharts.Series(r.CategoryName(id),
                r.Coco.Parameters.RecallThresholds.Select((recall, ri) => (recall, r.Coco.Precision(0, ri, k, 0, r.Coco.Parameters.MaxDetections.Count - 1))).ToList()))
            .Where(c => c.Points.All(p => p.Item2 >= 0)).ToList();
        for (int i = 0; i < curves.Count; i += CurvesPerChart)
            report.Markup(SvgCharts.LinePlot(curves.Skip(i).Take(CurvesPerChart).ToList(), "recall", "precision"));

        var confusion = DetectionConfusion.Compute(r.Problem, r.AtConfidence.Threshold);
        report.Heading($"Class confusion at confidence {r.AtConfidence.Threshold:0.###}, IoU ≥ 0.5 (rows ground truth, columns detection)")
            .Markup(SvgCharts.Heatmap(confusion.CategoryIds.Select(r.CategoryName).Append("background").ToList(), confusion.Counts));

        report.Heading($"Images with the most errors (red: missed, orange: false positive, green: found)");
        foreach (var outcome in r.Coco.Outcomes.Where(o => o.Errors > 0).OrderByDescending(o => o.Errors).ThenBy(o => o.ImageId).Take(worstImages))
        {
            var image = r.Truth.ImageById(outcome.ImageId)!;
            var caption = $"{image.FilePath}: {outcome.Misses.Count} missed, {outcome.FalsePositives.Count} false positives, {outcome.TruePositives.Count} found";
            using var drawn = Draw(r, image, outcome);
            report.Figure(drawn is null ? HtmlReport.Escape("(image file not readable)") : ImageEmbedding.Img(drawn, image.FilePath), caption);
        }
        return report;
    }

    private static Mat? Draw(DetectionResult r, DatasetImage image, MatchOutcome outcome)
    {
        var path = r.Truth.Dataset.ImagePath(image);
        if (!File.Exists(path)) return null;
        var mat = Cv2.ImRead(path, ImreadModes.Color);
        if (mat.Empty()) { mat.Dispose(); return null; }
        int thickness = Math.Max(2, mat.Width / 400);
        foreach (var d in outcome.TruePositives) Box(mat, r.Problem.Detections[d].Box, new Scalar(60, 180, 60), thickness, null);
        foreach (var g in outcome.Misses) Box(mat, r.Problem.GroundTruths[g].Box, new Scalar(40, 40, 230), thickness, r.CategoryName(r.Problem.GroundTruths[g].CategoryId));
        foreach (var d in outcome.FalsePositives)
        {
            var det = r.Problem.Detections[d];
            Box(mat, det.Box, new Scalar(0, 150, 255), thickness, $"{r.CategoryName(det.CategoryId)} {det.Score:0.00}");
        }
        return mat;
    }

    private static void Box(Mat mat, BoxXywh box, Scalar color, int thickness, string? label)
    {
        var rect = new Rect((int)Math.Round(box.X), (int)Math.Round(box.Y), (int)Math.Round(box.Width), (int)Math.Round(box.Height));
        Cv2.Rectangle(mat, rect, color, thickness);
        if (label is not null)
            Cv2.PutText(mat, label, new Point(rect.X, Math.Max(12, rect.Y - 4)), HersheyFonts.HersheySimplex, Math.Max(0.4, mat.Width / 1600.0), color, Math.Max(1, thickness / 2));
    }

    private static string Format(double v) => v == -1 ? "-1" : v.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
}
