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
        foreach (var entry in ResultsJsonlRecords.Read(path))
        {
            var record = entry.Record;
            if (record.Error is not null) { problems.Add(entry.Problem(path, "error", $"{record.Image} failed in the run: {record.Error}")); continue; }
            var image = truth.ImageByPath(record.Image);
            if (image is null) { problems.Add(entry.Problem(path, "image", $"image '{record.Image}' is not in the ground truth; skipped")); continue; }
            if (!seen.Add(image.Id)) { problems.Add(entry.Problem(path, "image", $"image '{record.Image}' appears again; only its first record is used")); continue; }
            for (var j = 0; j < record.Detections.Count; j++)
            {
                var d = record.Detections[j];
                if (node is not null && d.Node != node) continue;
                var category = truth.CategoryByName(d.Label);
                if (category is null)
                {
                    if (unknownLabels.Add(d.Label)) problems.Add(entry.Problem(path, $"detections[{j}].label", $"label '{d.Label}' is no ground-truth category; its detections are skipped"));
                    continue;
                }
                if (d.Box.Length != 4) throw new VisionException(path, entry.At($"detections[{j}].box"), "box must be [x1, y1, x2, y2]");
                if (!double.IsFinite(d.Score))
                    throw new VisionException(path, entry.At($"detections[{j}].score"), "a detection's score is not a finite number");
                if (Array.FindIndex(d.Box, v => !double.IsFinite(v)) is var k and >= 0)
                    throw new VisionException(path, entry.At($"detections[{j}].box[{k}]"), "a detection's box is not a finite number");
                var box = BoxXywh.FromCorners(d.Box[0], d.Box[1], d.Box[2], d.Box[3]);
                VisionPipeline.Datasets.Segmentation? polygon = d.Polygon is { Length: >= 3 } p ? new PolygonSegmentation([p.SelectMany(v => new double[] { v[0], v[1] }).ToArray()]) : null;
                results.Add(new PredictedObject(image.Id, category.Id, box, d.Score, polygon));
            }
        }
        return results;
    }
}
