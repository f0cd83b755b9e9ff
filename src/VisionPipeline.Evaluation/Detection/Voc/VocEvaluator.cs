using VisionPipeline.Evaluation.Detection.Coco;

namespace VisionPipeline.Evaluation.Detection.Voc;

/// <summary>One class's VOC result: AP by both interpolations, and how many ground truths counted (not difficult).</summary>
public sealed record VocClassResult(long CategoryId, double AveragePrecision, double ElevenPointAveragePrecision, int Positives);

/// <summary>VOC AP at IoU ≥ 0.5 per class, and the mean over the classes that have positives.</summary>
public sealed record VocResult(IReadOnlyList<VocClassResult> Classes)
{
    public double MeanAveragePrecision => Mean(c => c.AveragePrecision);
    public double MeanElevenPointAveragePrecision => Mean(c => c.ElevenPointAveragePrecision);

    private double Mean(Func<VocClassResult, double> pick)
    {
        var counted = Classes.Where(c => c.Positives > 0).ToList();
        return counted.Count == 0 ? -1 : counted.Sum(pick) / counted.Count;
    }
}

/// <summary>
/// PASCAL VOC detection evaluation (VOCevaldet.m): detections of a class ranked by confidence (ties in input
/// order), each matched to the unmatched ground truth it overlaps most when that overlap is at least 0.5, with the
/// devkit's overlap. The devkit measures inclusive pixel boxes (width = xmax − xmin + 1); our boxes are continuous
/// (a VOC box reads as x = xmin − 1, w = xmax − xmin + 1), so the plain IoU of continuous boxes is the devkit's
/// number exactly. A detection on a difficult (or crowd) object counts neither way;
/// a second detection of an object is a false positive.
/// </summary>
public static class VocEvaluator
{
    public const double MinOverlap = 0.5;

    public static VocResult Evaluate(CocoProblem problem)
    {
        var classes = new List<VocClassResult>();
        foreach (var category in problem.CategoryIds.Distinct().Order())
        {
            var gts = problem.GroundTruths.Where(g => g.CategoryId == category).ToList();
            var byImage = Enumerable.Range(0, gts.Count).GroupBy(i => gts[i].ImageId).ToDictionary(g => g.Key, g => g.ToList());
            var used = new bool[gts.Count];
            int positives = gts.Count(g => !g.IsCrowd);
            var dets = problem.Detections.Where(d => d.CategoryId == category).OrderByDescending(d => d.Score).ToList();
            var precision = new double[dets.Count];
            var recall = new double[dets.Count];
            double tp = 0, fp = 0;
            for (int i = 0; i < dets.Count; i++)
            {
                var d = dets[i];
                double best = double.NegativeInfinity;
                int match = -1;
                foreach (var g in byImage.GetValueOrDefault(d.ImageId) ?? [])
                {
                    double overlap = Overlap(d, gts[g]);
                    if (overlap > best) { best = overlap; match = g; }
                }
                if (match >= 0 && best >= MinOverlap)
                {
                    if (!gts[match].IsCrowd)
                    {
                        if (!used[match]) { used[match] = true; tp++; }
                        else fp++;
                    }
                }
                else fp++;
                recall[i] = positives == 0 ? 0 : tp / positives;
                precision[i] = tp + fp == 0 ? 0 : tp / (tp + fp);
            }
            classes.Add(new VocClassResult(category,
                positives == 0 ? -1 : VocAveragePrecision.FromCurve(recall, precision, VocInterpolation.AllPoints),
                positives == 0 ? -1 : VocAveragePrecision.FromCurve(recall, precision, VocInterpolation.ElevenPoints),
                positives));
        }
        return new VocResult(classes);
    }

    private static double Overlap(DetectedObject d, GroundTruthObject g)
    {
        double iw = Math.Min(d.Box.Right, g.Box.Right) - Math.Max(d.Box.X, g.Box.X);
        double ih = Math.Min(d.Box.Bottom, g.Box.Bottom) - Math.Max(d.Box.Y, g.Box.Y);
        if (iw <= 0 || ih <= 0) return 0;
        double inter = iw * ih;
        double union = d.Box.Width * d.Box.Height + g.Box.Width * g.Box.Height - inter;
        return inter / union;
    }
}
