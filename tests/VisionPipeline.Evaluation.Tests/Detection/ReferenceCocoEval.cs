using VisionPipeline.Datasets;
using VisionPipeline.Evaluation.Detection.Coco;

namespace VisionPipeline.Evaluation.Tests.Detection;

/// <summary>
/// A second COCOeval, written in the test suite straight from the definitions (cocoeval.py read line by line) with
/// no attention to speed: LINQ's stable OrderByDescending for numpy's mergesort, a 5-d array for precision, and
/// numpy's pairwise summation written as the recursion numpy's C source describes.
/// </summary>
internal static class ReferenceCocoEval
{
    private static readonly double[] IouThresholds = Linspace(0.5, 0.95, 10);
    private static readonly double[] RecallThresholds = Linspace(0.0, 1.0, 101);
    private static readonly (double Lo, double Hi)[] Areas = [(0, 1e10), (0, 1024), (1024, 9216), (9216, 1e10)];
    private static readonly int[] MaxDets = [1, 10, 100];

    public static (double[] Stats, Dictionary<long, double> PerClass) Run(CocoProblem problem)
    {
        var images = problem.ImageIds.Distinct().Order().ToList();
        var cats = problem.CategoryIds.Distinct().Order().ToList();
        int T = 10, R = 101, K = cats.Count, A = 4, M = 3;
        var precision = new double[T, R, K, A, M];
        var recall = new double[T, K, A, M];
        foreach (var idx in Indices(T, R, K, A, M)) precision[idx[0], idx[1], idx[2], idx[3], idx[4]] = -1;
        foreach (var idx in Indices(T, K, A, M)) recall[idx[0], idx[1], idx[2], idx[3]] = -1;
        var dets = problem.Detections.Select((d, i) => (Det: d, Id: i + 1L)).ToList();

        for (int k = 0; k < K; k++)
            for (int a = 0; a < A; a++)
            {
                // evaluateImg for every image with ground truth or detections of this category.
                var perImage = new List<(List<(double Score, int[] Status)> Dts, int NonIgnoredGts)>();
                foreach (var img in images)
                {
                    var gts = problem.GroundTruths.Where(g => g.ImageId == img && g.CategoryId == cats[k]).ToList();
                    var ds = dets.Where(d => d.Det.ImageId == img && d.Det.CategoryId == cats[k]).ToList();
                    if (gts.Count == 0 && ds.Count == 0) continue;
                    bool Ignored((GroundTruthObject G, int _) x) => x.G.IsCrowd || x.G.Area < Areas[a].Lo || x.G.Area > Areas[a].Hi;
                    var gSorted = gts.Select(g => (G: g, _: 0)).OrderBy(x => Ignored(x) ? 1 : 0).ToList();
                    var dSorted = ds.OrderByDescending(d => d.Det.Score).Take(100).ToList();
                    var status = dSorted.Select(_ => new int[T]).ToList(); // 1 tp, 2 fp, 0 ignored
                    for (int t = 0; t < T; t++)
                    {
                        var gtMatched = new bool[gSorted.Count];
                        for (int d = 0; d < dSorted.Count; d++)
                        {
                            double best = Math.Min(IouThresholds[t], 1 - 1e-10);
                            int m = -1;
                            for (int g = 0; g < gSorted.Count; g++)
                            {
                                if (gtMatched[g] && !gSorted[g].G.IsCrowd) continue;
                                if (m > -1 && !Ignored(gSorted[m]) && Ignored(gSorted[g])) break;
                                double iou = Iou(dSorted[d].Det.Box, gSorted[g].G.Box, gSorted[g].G.IsCrowd);
                                if (iou < best) continue;
                                best = iou;
                                m = g;
                            }
                            bool outside = dSorted[d].Det.Area < Areas[a].Lo || dSorted[d].Det.Area > Areas[a].Hi;
                            long dtm = m == -1 ? 0 : gSorted[m].G.Id;
                            bool ignored = (m != -1 && Ignored(gSorted[m])) || (dtm == 0 && outside);
                            if (m != -1) gtMatched[m] = true;
                            status[d][t] = ignored ? 0 : dtm != 0 ? 1 : 2;
                        }
                    }
                    perImage.Add((dSorted.Select((d, i) => (d.Det.Score, status[i])).ToList(), gSorted.Count(x => !Ignored(x))));
                }
                if (perImage.Count == 0) continue;
                int npig = perImage.Sum(p => p.NonIgnoredGts);
                for (int m = 0; m < M; m++)
                {
                    if (npig == 0) continue;
                    var all = perImage.SelectMany(p => p.Dts.Take(MaxDets[m])).OrderByDescending(x => x.Score).ToList();
                    for (int t = 0; t < T; t++)
                    {
                        var rc = new double[all.Count];
                        var pr = new double[all.Count];
                        double tp = 0, fp = 0;
                        for (int i = 0; i < all.Count; i++)
                        {
                            if (all[i].Status[t] == 1) tp += 1;
                            if (all[i].Status[t] == 2) fp += 1;
                            rc[i] = tp / npig;
                            pr[i] = tp / (fp + tp + 2.220446049250313e-16);
                        }
                        recall[t, k, a, m] = all.Count > 0 ? rc[^1] : 0;
                        for (int i = all.Count - 1; i > 0; i--) pr[i - 1] = Math.Max(pr[i - 1], pr[i]);
                        for (int r = 0; r < R; r++)
                        {
                            int first = Array.FindIndex(rc, v => v >= RecallThresholds[r]);
                            precision[t, r, k, a, m] = first < 0 ? 0 : pr[first];
                        }
                    }
                }
            }

        double Ap(int[] ts, int a, int m) => MeanDefined(from t in ts from r in Enumerable.Range(0, R) from k in Enumerable.Range(0, K) select precision[t, r, k, a, m]);
        double Ar(int a, int m) => MeanDefined(from t in Enumerable.Range(0, T) from k in Enumerable.Range(0, K) select recall[t, k, a, m]);
        int[] allT = Enumerable.Range(0, T).ToArray();
        var stats = new[]
        {
            Ap(allT, 0, 2), Ap([0], 0, 2), Ap([5], 0, 2), Ap(allT, 1, 2), Ap(allT, 2, 2), Ap(allT, 3, 2),
            Ar(0, 0), Ar(0, 1), Ar(0, 2), Ar(1, 2), Ar(2, 2), Ar(3, 2),
        };
        var perClass = cats.Select((c, k) => (c, MeanDefined(from t in allT from r in Enumerable.Range(0, R) select precision[t, r, k, 0, 2])))
            .ToDictionary(x => x.c, x => x.Item2);
        return (stats, perClass);
    }

    private static double Iou(BoxXywh d, BoxXywh g, bool crowd)
    {
        double w = Math.Min(d.X + d.Width, g.X + g.Width) - Math.Max(d.X, g.X);
        double h = Math.Min(d.Y + d.Height, g.Y + g.Height) - Math.Max(d.Y, g.Y);
        if (w <= 0 || h <= 0) return 0;
        double inter = w * h, da = d.Width * d.Height, ga = g.Width * g.Height;
        return inter / (crowd ? da : da + ga - inter);
    }

    private static double MeanDefined(IEnumerable<double> values)
    {
        var kept = values.Where(v => v > -1).ToArray();
        return kept.Length == 0 ? -1 : PairwiseSum(kept) / kept.Length;
    }

    /// <summary>numpy's pairwise_sum (umath/loops_utils.h): 8 running sums below 128 elements, halves above.</summary>
    private static double PairwiseSum(double[] a)
    {
        if (a.Length < 8) return a.Aggregate(0.0, (s, v) => s + v);
        if (a.Length > 128)
        {
            int half = a.Length / 2 - a.Length / 2 % 8;
            return PairwiseSum(a[..half]) + PairwiseSum(a[half..]);
        }
        var r = a[..8];
        int i = 8;
        for (; i + 8 <= a.Length; i += 8)
            for (int j = 0; j < 8; j++) r[j] += a[i + j];
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < a.Length; i++) res += a[i];
        return res;
    }

    private static double[] Linspace(double start, double stop, int n)
    {
        var step = (stop - start) / (n - 1);
        var y = Enumerable.Range(0, n).Select(i => i * step + start).ToArray();
        y[^1] = stop;
        return y;
    }

    private static IEnumerable<int[]> Indices(params int[] dims) =>
        dims.Aggregate((IEnumerable<int[]>)[[]], (acc, d) => acc.SelectMany(prefix => Enumerable.Range(0, d).Select(i => prefix.Append(i).ToArray())));
}
