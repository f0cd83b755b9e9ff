using VisionPipeline.Evaluation.Detection.Coco;

namespace VisionPipeline.Evaluation.Detection.Confidence;

/// <summary>Precision, recall and F1 of the detections scoring at least <see cref="Threshold"/>.</summary>
public sealed record OperatingPoint(double Threshold, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// Detection precision/recall/F1 as a function of the confidence threshold, over all classes pooled, from the COCO
/// matching at IoU 0.5 (all areas, 100 detections per image and class). Greedy matching in score order means a
/// detection's fate does not depend on lower-scored ones, so cutting the ranked list at a threshold is exact.
/// Detections matched to crowd regions count neither way.
/// </summary>
public sealed class ConfidenceSweep
{
    private readonly double[] _scores;
    private readonly bool[] _correct;
    private readonly int _positives;

    public ConfidenceSweep(CocoEvaluation evaluation, IReadOnlyList<DetectedObject> detections)
    {
        var ranked = evaluation.Outcomes
            .SelectMany(o => o.TruePositives.Select(d => (Score: detections[d].Score, Correct: true))
                .Concat(o.FalsePositives.Select(d => (Score: detections[d].Score, Correct: false))))
            .OrderByDescending(x => x.Score).ToArray();
        _scores = ranked.Select(x => x.Score).ToArray();
        _correct = ranked.Select(x => x.Correct).ToArray();
        _positives = evaluation.Outcomes.Sum(o => o.TruePositives.Count + o.Misses.Count);
    }

    public OperatingPoint At(double threshold)
    {
        int tp = 0, fp = 0;
        for (int i = 0; i < _scores.Length && _scores[i] >= threshold; i++)
            if (_correct[i]) tp++; else fp++;
        return new OperatingPoint(threshold, tp, fp, _positives - tp);
    }

    /// <summary>The threshold (one of the detections' scores) with the highest F1; the higher threshold on a tie.</summary>
    public OperatingPoint BestF1()
    {
        var best = new OperatingPoint(_scores.Length > 0 ? _scores[0] : 1, 0, 0, _positives);
        int tp = 0, fp = 0;
        for (int i = 0; i < _scores.Length; i++)
        {
            if (_correct[i]) tp++; else fp++;
            if (i + 1 < _scores.Length && _scores[i + 1] == _scores[i]) continue;
            var point = new OperatingPoint(_scores[i], tp, fp, _positives - tp);
            if (point.F1 > best.F1) best = point;
        }
        return best;
    }
}
