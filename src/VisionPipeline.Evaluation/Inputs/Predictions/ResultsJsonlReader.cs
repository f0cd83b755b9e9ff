using System.Text.Json;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Results;
using VisionPipeline.Datasets;

namespace VisionPipeline.Evaluation.Inputs.Predictions;

/// <summary>
/// The project's own results.jsonl (schema in docs/results.md): each line's image path is matched to a ground-truth
/// image (same relative path, else the only image with that file stem), each detection's label to a category name;
/// boxes [x1, y1, x2, y2] become COCO [x, y, w, h]; a polygon, when present, becomes the segmentation.
/// </summary>
public static class ResultsJsonlReader
{
    /// <param name="node">only detections of this pipeline node; all nodes when null</param>
    /// <param name="problems">one line for each image or label that could not be matched (skipped)</param>
    public static List<PredictedObject> Read(string path, GroundTruthSet truth, string? node, List<string> problems)
    {
        var results = new List<PredictedObject>();
        var unknownLabels = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<long>();
        foreach (var (line, record) in ResultsJsonlRecords.Read(path))
        {
            if (record.Error is not null) { problems.Add($"{path}: line {line}: {record.Image} failed in the run: {record.Error}"); continue; }
            var image = truth.ImageByPath(record.Image);
            if (image is null) { problems.Add($"{path}: line {line}: image '{record.Image}' is not in the ground truth; skipped"); continue; }
            if (!seen.Add(image.Id)) { problems.Add($"{path}: line {line}: image '{record.Image}' appears again; only its first record is used"); continue; }
            foreach (var d in record.Detections)
            {
                if (node is not null && d.Node != node) continue;
                var category = truth.CategoryByName(d.Label);
                if (category is null)
                {
                    if (unknownLabels.Add(d.Label)) problems.Add($"{path}: line {line}: label '{d.Label}' is no ground-truth category; its detections are skipped");
                    continue;
                }
                if (d.Box.Length != 4) throw new VisionException(path, "box must be [x1, y1, x2, y2]", $"line {line}");
                if (!double.IsFinite(d.Score) || d.Box.Any(v => !double.IsFinite(v)))
                    throw new VisionException(path, "a detection's score or box is not a finite number", $"line {line}");
                var box = BoxXywh.FromCorners(d.Box[0], d.Box[1], d.Box[2], d.Box[3]);
                VisionPipeline.Datasets.Segmentation? polygon = d.Polygon is { Length: >= 3 } p ? new PolygonSegmentation([p.SelectMany(v => new double[] { v[0], v[1] }).ToArray()]) : null;
                results.Add(new PredictedObject(image.Id, category.Id, box, d.Score, polygon));
            }
        }
        return results;
    }
}
