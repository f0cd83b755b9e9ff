using VisionPipeline.Evaluation.Numerics;

namespace VisionPipeline.Evaluation.Detection.Coco;

/// <summary>
/// One category's share of COCOeval: <c>evaluateImg</c> on each image that has ground truth or detections of the
/// category (for every area range), then <c>accumulate</c> over those images for every area range and maxDets.
/// </summary>
internal sealed class CategoryMatcher
{
    internal enum OutcomeKind : byte { TruePositive, FalsePositive, Miss }

    internal readonly record struct Outcome(int Image, OutcomeKind Kind, int Object);

    private const byte Ignored = 0, TruePositive = 1, FalsePositive = 2;

    /// <summary>np.spacing(1): added to the precision's denominator by pycocotools.</summary>
    private static readonly double Spacing1 = Math.BitIncrement(1.0) - 1.0;

    private readonly CocoProblem _problem;
    private readonly IIouMeasure _iou;
    private readonly CocoParameters _p;
    private readonly int _thresholds;
    private readonly int _areas;
    private readonly int _maxDet;

    // Every evaluated image of the category, in image-id order: its detections' scores (sorted by score, at most
    // maxDet) and, per area range and IoU threshold, what each detection was.
    private readonly List<ImageResult> _images = [];
    private readonly List<double> _scores = [];
    private readonly List<byte> _flags = [];
    private readonly int[] _countedGroundTruths;

    private readonly record struct ImageResult(int Image, int ScoreOffset, int Count, int FlagOffset);

    public CategoryMatcher(CocoProblem problem, IIouMeasure iou, CocoParameters p)
    {
        _problem = problem;
        _iou = iou;
        _p = p;
        _thresholds = p.IouThresholds.Count;
        _areas = p.AreaRanges.Count;
        _maxDet = p.MaxDetections.Max();
        _countedGroundTruths = new int[_areas];
    }

    public List<Outcome> Outcomes { get; } = [];

    /// <param name="groundTruths">keys: image index &lt;&lt; 32 | position, sorted</param>
    /// <param name="detections">keys: image index &lt;&lt; 32 | position, sorted</param>
    public void Match(long[] groundTruths, long[] detections)
    {
        int gi = 0, di = 0;
        var gts = new List<int>();
        var dts = new List<int>();
        while (gi < groundTruths.Length || di < detections.Length)
        {
            int image = Math.Min(
                gi < groundTruths.Length ? (int)(groundTruths[gi] >> 32) : int.MaxValue,
                di < detections.Length ? (int)(detections[di] >> 32) : int.MaxValue);
            gts.Clear();
            dts.Clear();
            for (; gi < groundTruths.Length && (int)(groundTruths[gi] >> 32) == image; gi++) gts.Add((int)groundTruths[gi]);
            for (; di < detections.Length && (int)(detections[di] >> 32) == image; di++) dts.Add((int)detections[di]);
            MatchImage(image, gts, dts);
        }
    }

    private void MatchImage(int image, List<int> groundTruthList, List<int> detectionList)
    {
        var allScores = new double[detectionList.Count];
        for (int i = 0; i < allScores.Length; i++) allScores[i] = _problem.Detections[detectionList[i]].Score;
        var order = NumpyArithmetic.StableOrderDescending(allScores);
        int nd = Math.Min(order.Length, _maxDet);
        var dts = new int[nd];
        for (int i = 0; i < nd; i++) dts[i] = detectionList[order[i]];
        var gts = groundTruthList.ToArray();
        int ng = gts.Length;

        var ious = new double[nd * ng];
        if (nd > 0 && ng > 0) _iou.Compute(dts, gts, ious);

        var result = new ImageResult(image, _scores.Count, nd, _flags.Count);
        _images.Add(result);
        for (int i = 0; i < nd; i++) _scores.Add(_problem.Detections[dts[i]].Score);

        var ignore = new bool[ng];
        var sortedGts = new int[ng];
        var matched = new bool[ng];
        var flags = new byte[nd];
        for (int a = 0; a < _areas; a++)
        {
            var range = _p.AreaRanges[a];
            // Ground truths that are not ignored first, each group in input order (a stable sort on the flag).
            int next = 0;
            for (int j = 0; j < ng; j++)
            {
                var gt = _problem.GroundTruths[gts[j]];
                ignore[j] = gt.IsCrowd || range.Excludes(gt.Area);
                if (!ignore[j]) sortedGts[next++] = j;
            }
            _countedGroundTruths[a] += next;
            for (int j = 0; j < ng; j++) if (ignore[j]) sortedGts[next++] = j;

            for (int t = 0; t < _thresholds; t++)
            {
                Array.Clear(matched);
                double threshold = Math.Min(_p.IouThresholds[t], 1 - 1e-10);
                for (int d = 0; d < nd; d++)
                {
                    double best = threshold;
                    int m = -1;
                    for (int s = 0; s < ng; s++)
                    {
                        int j = sortedGts[s];
                        var gt = _problem.GroundTruths[gts[j]];
                        if (matched[s] && !gt.IsCrowd) continue;
                        if (m > -1 && !ignore[sortedGts[m]] && ignore[j]) break;
                        double v = ious[d * ng + j];
                        if (v < best) continue;
                        best = v;
                        m = s;
                    }
                    bool outsideRange = range.Excludes(_problem.Detections[dts[d]].Area);
                    if (m == -1)
                    {
                        flags[d] = outsideRange ? Ignored : FalsePositive;
                        continue;
                    }
                    matched[m] = true;
                    // pycocotools records the match by the ground truth's id, so a ground truth with id 0 reads
                    // as no match.
                    bool recorded = _problem.GroundTruths[gts[sortedGts[m]]].Id != 0;
                    bool ignoredDetection = ignore[sortedGts[m]] || (!recorded && outsideRange);
                    flags[d] = ignoredDetection ? Ignored : recorded ? TruePositive : FalsePositive;
                }
                _flags.AddRange(flags);
                if (t == 0 && a == 0) RecordOutcomes(image, dts, gts, sortedGts, ignore, matched, flags);
            }
        }
    }

    private void RecordOutcomes(int image, int[] dts, int[] gts, int[] sortedGts, bool[] ignore, bool[] matched, byte[] flags)
    {
        for (int d = 0; d < dts.Length; d++)
            if (flags[d] != Ignored)
                Outcomes.Add(new Outcome(image, flags[d] == TruePositive ? OutcomeKind.TruePositive : OutcomeKind.FalsePositive, dts[d]));
        for (int s = 0; s < sortedGts.Length; s++)
            if (!matched[s] && !ignore[sortedGts[s]]) Outcomes.Add(new Outcome(image, OutcomeKind.Miss, gts[sortedGts[s]]));
    }

    /// <summary>accumulate(): this category's precision[T,R,·,A,M] and recall[T,·,A,M].</summary>
    public void Accumulate(CocoEvaluation evaluation, int k)
    {
        if (_images.Count == 0) return;
        int recallCount = _p.RecallThresholds.Count;
        for (int m = 0; m < _p.MaxDetections.Count; m++)
        {
            int maxDet = _p.MaxDetections[m];
            int n = 0;
            foreach (var r in _images) n += Math.Min(r.Count, maxDet);
            var scores = new double[n];
            var owner = new int[n];
            var position = new int[n];
            n = 0;
            for (int i = 0; i < _images.Count; i++)
            {
                var r = _images[i];
                for (int d = 0; d < Math.Min(r.Count, maxDet); d++, n++)
                {
                    scores[n] = _scores[r.ScoreOffset + d];
                    owner[n] = i;
                    position[n] = d;
                }
            }
            var order = NumpyArithmetic.StableOrderDescending(scores);
            var rc = new double[n];
            var pr = new double[n];
            for (int a = 0; a < _areas; a++)
            {
                int npig = _countedGroundTruths[a];
                if (npig == 0) continue;
                for (int t = 0; t < _thresholds; t++)
                {
                    double tp = 0, fp = 0;
                    for (int i = 0; i < n; i++)
                    {
                        var r = _images[owner[order[i]]];
                        byte flag = _flags[r.FlagOffset + (a * _thresholds + t) * r.Count + position[order[i]]];
                        if (flag == TruePositive) tp++;
                        else if (flag == FalsePositive) fp++;
                        rc[i] = tp / npig;
                        pr[i] = tp / (fp + tp + Spacing1);
                    }
                    evaluation.SetRecall(t, k, a, m, n > 0 ? rc[n - 1] : 0);
                    for (int i = n - 1; i > 0; i--)
                        if (pr[i] > pr[i - 1]) pr[i - 1] = pr[i];
                    int at = 0;
                    for (int ri = 0; ri < recallCount; ri++)
                    {
                        double threshold = _p.RecallThresholds[ri];
                        while (at < n && rc[at] < threshold) at++;
                        evaluation.SetPrecision(t, ri, k, a, m, at < n ? pr[at] : 0);
                    }
                }
            }
        }
    }
}
