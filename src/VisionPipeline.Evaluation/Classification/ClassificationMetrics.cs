namespace VisionPipeline.Evaluation.Classification;

/// <summary>Precision, recall and F1 of one class, with its support (true items of the class).</summary>
public sealed record ClassScores(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>
/// Single-label classification metrics with scikit-learn's definitions: per-class precision/recall/F1 (0 where a
/// ratio has an empty denominator), macro (plain mean over the classes present in truth or predictions), weighted (by support) and micro averages (for
/// single-label data micro P = R = F1 = accuracy), the confusion matrix (rows true, columns predicted), top-1 and —
/// when scores are given — top-5 accuracy.
/// </summary>
public sealed record ClassificationMetrics(
    IReadOnlyList<string> Classes,
    long[,] Confusion,
    double Accuracy,
    double? Top5,
    IReadOnlyList<ClassScores> PerClass,
    double MacroF1,
    double MicroF1,
    double WeightedF1)
{
    /// <param name="classes">the class order (score columns follow it); labels met in the samples but not listed are appended</param>
    public static ClassificationMetrics Compute(IReadOnlyList<ClassificationSample> samples, IReadOnlyList<string>? classes = null)
    {
        var order = new List<string>(classes ?? []);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < order.Count; i++) index[order[i]] = i;
        foreach (var label in samples.SelectMany(s => new[] { s.Truth, s.Predicted }).Distinct().Order(StringComparer.Ordinal))
            if (index.TryAdd(label, order.Count)) order.Add(label);

        int k = order.Count;
        var confusion = new long[k, k];
        int correct = 0, top5 = 0;
        bool scored = samples.Count > 0 && samples.All(s => s.Scores is not null);
        foreach (var s in samples)
        {
            int t = index[s.Truth], p = index[s.Predicted];
            confusion[t, p]++;
            if (t == p) correct++;
            if (scored && InTopK(s.Scores!, t, 5)) top5++;
        }

        var perClass = new List<ClassScores>(k);
        for (int c = 0; c < k; c++)
        {
            long tp = confusion[c, c], predicted = 0, support = 0;
            for (int j = 0; j < k; j++) { predicted += confusion[j, c]; support += confusion[c, j]; }
            double precision = predicted == 0 ? 0 : (double)tp / predicted;
            double recall = support == 0 ? 0 : (double)tp / support;
            // scikit-learn ≥ 1.3: 2·TP / (2·TP + FP + FN), i.e. 2·TP / (predicted + support); 0 when both are empty.
            double f1 = predicted + support == 0 ? 0 : 2.0 * tp / (predicted + support);
            perClass.Add(new ClassScores(order[c], precision, recall, f1, (int)support));
        }
        int n = samples.Count;
        double accuracy = n == 0 ? 0 : (double)correct / n;
        return new ClassificationMetrics(order, confusion, accuracy,
            scored ? (double)top5 / n : null,
            perClass,
            MacroF1: MacroAverage(perClass, confusion),
            MicroF1: accuracy,
            WeightedF1: n == 0 ? 0 : perClass.Sum(c => c.F1 * c.Support) / n);
    }

    /// <summary>scikit-learn's macro average: over the classes that occur in the truth or the predictions.</summary>
    private static double MacroAverage(List<ClassScores> perClass, long[,] confusion)
    {
        var present = perClass.Where((c, i) => c.Support > 0 || Enumerable.Range(0, perClass.Count).Any(r => confusion[r, i] > 0)).ToList();
        return present.Count == 0 ? 0 : present.Average(c => c.F1);
    }

    /// <summary>
    /// The true class is among the k highest scores; a class tied with the k-th score counts only if it comes
    /// earlier in the class order (a stable descending sort, as numpy's argsort(-scores, 'stable')).
    /// </summary>
    private static bool InTopK(IReadOnlyList<double> scores, int truth, int k)
    {
        if (truth >= scores.Count) return false;
        int ahead = 0;
        for (int c = 0; c < scores.Count; c++)
            if (scores[c] > scores[truth] || (scores[c] == scores[truth] && c < truth)) ahead++;
        return ahead < k;
    }
}
