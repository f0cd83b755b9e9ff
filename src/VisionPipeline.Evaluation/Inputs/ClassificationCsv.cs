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
        foreach (var (line, cells) in Directory.Exists(truthPath) ? ImageFolderRows(truthPath, problems) : Rows(truthPath, out _))
        {
            if (cells.Length < 2) throw new VisionException(truthPath, "expected id,label", $"line {line}");
            if (!truth.TryAdd(cells[0], cells[1])) problems.Add($"{truthPath}: line {line}: id '{cells[0]}' appears again; the first label is kept");
            else truthOrder.Add(cells[0]);
        }

        var predictions = new Dictionary<string, (string Label, double[]? Scores)>(StringComparer.Ordinal);
        var predictionRows = Rows(predictionPath, out var header);
        var scoreClasses = HeaderScoreClasses(predictionPath, header);
        foreach (var (line, cells) in predictionRows)
        {
            if (cells.Length < 2) throw new VisionException(predictionPath, "expected id,label[,scores]", $"line {line}");
            double[]? scores = null;
            if (cells.Length > 2)
            {
                if (scoreClasses is null) throw new VisionException(predictionPath, "score columns need a header row naming their classes (id,label,class1,…)", $"line {line}");
                if (cells.Length - 2 != scoreClasses.Length)
                    throw new VisionException(predictionPath, $"{cells.Length - 2} scores but the header names {scoreClasses.Length} classes", $"line {line}");
                scores = new double[cells.Length - 2];
                for (int i = 0; i < scores.Length; i++)
                    if (!double.TryParse(cells[i + 2], NumberStyles.Float, CultureInfo.InvariantCulture, out scores[i]))
                        throw new VisionException(predictionPath, $"score '{cells[i + 2]}' is not a number", $"line {line}");
            }
            if (!truth.ContainsKey(cells[0])) problems.Add($"{predictionPath}: line {line}: id '{cells[0]}' is not in the ground truth; skipped");
            else if (!predictions.TryAdd(cells[0], (cells[1], scores))) problems.Add($"{predictionPath}: line {line}: id '{cells[0]}' predicted again; the first prediction is kept");
        }

        var samples = new List<ClassificationSample>();
        foreach (var id in truthOrder)
        {
            if (predictions.TryGetValue(id, out var p)) samples.Add(new ClassificationSample(id, truth[id], p.Label, p.Scores));
            else problems.Add($"{predictionPath}: no prediction for id '{id}'");
        }
        return new ClassificationCsv { Samples = samples, ScoreClasses = scoreClasses, Problems = problems };
    }

    /// <summary>The ImageFolder's images as id,label rows; images it could not take (outside a class folder) go to problems.</summary>
    private static IEnumerable<(int Line, string[] Cells)> ImageFolderRows(string root, List<string> problems)
    {
        var dataset = ImageFolderReader.Read(root);
        int n = 0;
        foreach (var image in dataset.Images)
            yield return (++n, [image.FilePath, dataset.FindCategory(image.ClassId!.Value)!.Name]);
        problems.AddRange(dataset.Warnings.Items.Select(w => w.ToString()!));
    }

    /// <summary>The header's score-column classes; a class named twice would give two scores one name, so it is refused.</summary>
    private static string[]? HeaderScoreClasses(string path, (int Line, string[] Cells)? header)
    {
        if (header is not { } h || h.Cells.Length <= 2) return null;
        var classes = h.Cells[2..];
        if (classes.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new VisionException(path, $"the header names class '{twice.Key}' in more than one score column", $"line {h.Line}");
        return classes;
    }

    private static List<(int Line, string[] Cells)> Rows(string path, out (int Line, string[] Cells)? header)
    {
        if (!File.Exists(path)) throw new ConfigurationException(path, "file not found");
        var rows = CsvRows.Read(path).ToList();
        header = null;
        if (rows.Count > 0 && rows[0].Cells.Length >= 2 && rows[0].Cells[0] == "id" && rows[0].Cells[1] == "label")
        {
            header = rows[0];
            rows.RemoveAt(0);
        }
        return rows;
    }
}
