using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Results;
using VisionPipeline.Evaluation.Classification;

namespace VisionPipeline.Evaluation.Inputs.Predictions;

/// <summary>
/// Classifications from the project's own results.jsonl: a classifier node writes one detection per top-k class,
/// spanning the frame; the best-scored one is the prediction, and the scores of the ground truth's classes (0 for
/// a class outside the top k) rank the top 5. An image with no classification counts as wrong ("(none)").
/// </summary>
public static class ResultsJsonlClassifications
{
    public const string NoPrediction = "(none)";

    /// <param name="node">only detections of this pipeline node; all nodes when null</param>
    /// <param name="problems">one line for each record that could not be used (a failed image, an image not in the ground truth)</param>
    public static (List<ClassificationSample> Samples, IReadOnlyList<string> ScoreClasses) Read(
        string path, GroundTruthSet truth, string? node, List<string> problems)
    {
        var classes = truth.CategoriesById.Select(c => c.Name).ToList();
        var column = classes.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var samples = new List<ClassificationSample>();
        var seen = new HashSet<long>();
        foreach (var entry in ResultsJsonlRecords.Read(path))
        {
            var record = entry.Record;
            var image = truth.ImageByPath(record.Image);
            if (image is null) { problems.Add(entry.Problem(path, "image", $"image '{record.Image}' is not in the ground truth; skipped")); continue; }
            if (!seen.Add(image.Id)) { problems.Add(entry.Problem(path, "image", $"image '{record.Image}' appears again; only its first record is used")); continue; }
            if (record.Error is not null) { problems.Add(entry.Problem(path, "error", $"{record.Image} failed in the run: {record.Error}")); continue; }
            var truthLabel = image.ClassId is { } id ? truth.Dataset.FindCategory(id)?.Name : null;
            if (truthLabel is null) { problems.Add(entry.Problem(path, "image", $"ground-truth image '{record.Image}' has no class")); continue; }

            var scores = new double[classes.Count];
            string predicted = NoPrediction;
            double best = double.NegativeInfinity;
            foreach (var d in record.Detections)
            {
                if (node is not null && d.Node != node) continue;
                if (d.Score > best) { best = d.Score; predicted = d.Label; }
                if (column.TryGetValue(d.Label, out var c)) scores[c] = Math.Max(scores[c], d.Score);
            }
            samples.Add(new ClassificationSample(record.Image, truthLabel, predicted, scores));
        }
        foreach (var image in truth.Images.Where(i => !seen.Contains(i.Id)))
            problems.Add($"{path}: no result for ground-truth image '{image.FilePath}'");
        return (samples, classes);
    }
}
