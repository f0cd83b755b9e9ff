using System.Globalization;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats.ImageFolder;
using VisionPipeline.Evaluation.Classification;

namespace VisionPipeline.Evaluation.Inputs;

/// <summary>
/// Ground truth <c>id,label</c> and predictions <c>id,label[,score per class…]</c> as CSV. A first row starting
/// with <c>id,label</c> is a header; in the predictions its further columns name the class of each score column.
/// The ground truth may instead be an ImageFolder dataset (root/&lt;class&gt;/&lt;image&gt;): the id is the image's path
/// relative to the root ('/' separated), the label its folder.
/// </summary>
public sealed class ClassificationCsv
{
    public required IReadOnlyList<ClassificationSample> Samples { get; init; }

    /// <summary>The class order of the score columns, when the predictions have them.</summary>
    public IReadOnlyList<string>? ScoreClasses { get; init; }

    /// <summary>One line per problem that did not stop the evaluation (an id without prediction, a duplicate).</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    public static ClassificationCsv Read(string truthPath, string predictionPath)
    {
        var problems = new List<string>();
        var truth = new Dictionary<string, string>(StringComparer.Ordinal);
        var truthOrder = new List<string>();
        foreach (var row in Directory.Exists(truthPath) ? ImageFolderRows(truthPath, problems) : Rows(truthPath, out _))
        {
            if (row.Count < 2) throw new VisionException(truthPath, row.At(0), "expected id,label");
            if (!truth.TryAdd(row[0], row[1])) problems.Add(ErrorLine.Format(truthPath, row.At(0), $"id '{row[0]}' appears again; the first label is kept"));
            else truthOrder.Add(row[0]);
        }

        var predictions = new Dictionary<string, (string Label, double[]? Scores)>(StringComparer.Ordinal);
        var predictionRows = Rows(predictionPath, out var header);
        var scoreClasses = HeaderScoreClasses(predictionPath, header);
        foreach (var row in predictionRows)
        {
            if (row.Count < 2) throw new VisionException(predictionPath, row.At(0), "expected id,label[,scores]");
            double[]? scores = null;
            if (row.Count > 2)
            {
                if (scoreClasses is null) throw new VisionException(predictionPath, row.At(2), "score columns need a header row naming their classes (id,label,class1,…)");
                if (row.Count - 2 != scoreClasses.Length) // at the first score too many, or the last when there are too few
                    throw new VisionException(predictionPath, row.At(Math.Min(2 + scoreClasses.Length, row.Count - 1)),
                        $"{row.Count - 2} scores but the header names {scoreClasses.Length} classes");
                scores = new double[row.Count - 2];
                for (int i = 0; i < scores.Length; i++)
                    if (!double.TryParse(row[i + 2], NumberStyles.Float, CultureInfo.InvariantCulture, out scores[i]))
                        throw new VisionException(predictionPath, row.At(i + 2), $"score '{row[i + 2]}' is not a number");
            }
            if (!truth.ContainsKey(row[0])) problems.Add(ErrorLine.Format(predictionPath, row.At(0), $"id '{row[0]}' is not in the ground truth; skipped"));
            else if (!predictions.TryAdd(row[0], (row[1], scores))) problems.Add(ErrorLine.Format(predictionPath, row.At(0), $"id '{row[0]}' predicted again; the first prediction is kept"));
        }

        var samples = new List<ClassificationSample>();
        foreach (var id in truthOrder)
        {
            if (predictions.TryGetValue(id, out var p)) samples.Add(new ClassificationSample(id, truth[id], p.Label, p.Scores));
            else problems.Add($"{predictionPath}: no prediction for id '{id}'");
        }
        return new ClassificationCsv { Samples = samples, ScoreClasses = scoreClasses, Problems = problems };
    }

    /// <summary>The ImageFolder's images as id,label rows (from no file: no position); images it could not take (outside a class folder) go to problems.</summary>
    private static IEnumerable<CsvRow> ImageFolderRows(string root, List<string> problems)
    {
        var dataset = ImageFolderReader.Read(root);
        foreach (var image in dataset.Images)
            yield return new CsvRow(0, [new(image.FilePath, 1), new(dataset.FindCategory(image.ClassId!.Value)!.Name, 1)]);
        problems.AddRange(dataset.Warnings.Items.Select(w => w.ToString()!));
    }

    /// <summary>The header's score-column classes; a class named twice would give two scores one name, so it is refused.</summary>
    private static string[]? HeaderScoreClasses(string path, CsvRow? header)
    {
        if (header is not { Count: > 2 } h) return null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 2; i < h.Count; i++)
            if (!seen.Add(h[i]))
                throw new VisionException(path, h.At(i), $"the header names class '{h[i]}' in more than one score column");
        return h.Cells[2..].Select(c => c.Text).ToArray();
    }

    private static List<CsvRow> Rows(string path, out CsvRow? header)
    {
        if (!File.Exists(path)) throw new ConfigurationException(path, "file not found");
        var rows = CsvRows.Read(path).ToList();
        header = null;
        if (rows.Count > 0 && rows[0].Count >= 2 && rows[0][0] == "id" && rows[0][1] == "label")
        {
            header = rows[0];
            rows.RemoveAt(0);
        }
        return rows;
    }
}
