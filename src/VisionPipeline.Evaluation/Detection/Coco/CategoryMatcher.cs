using System.Runtime.CompilerServices;
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
    // maxDet) and what each detection was, per area range and IoU threshold ([detection][area][threshold]).
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    // Scratch space reused from image to image (most hold one or two objects of a category).
    private double[] _allScores = new double[16];
    private int[] _order = new int[16], _dts = new int[16], _gts = new int[16], _sortedGts = new int[16];
    private double[] _dtArea = new double[16], _gtArea = new double[16], _ious = new double[64];
    private bool[] _crowd = new bool[16], _recorded = new bool[16], _ignore = new bool[16], _matched = new bool[16];
    private byte[] _flagColumn = new byte[16];

    private static T[] Room<T>(ref T[] buffer, int size)
    {
        if (buffer.Length < size) buffer = new T[Math.Max(size, buffer.Length * 2)];
        return buffer;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MatchImage(int image, List<int> groundTruthList, List<int> detectionList)
    {
        int count = detectionList.Count;
        var allScores = Room(ref _allScores, count);
        for (int i = 0; i < count; i++) allScores[i] = _problem.Detections[detectionList[i]].Score;
        var order = Room(ref _order, count);
        NumpyArithmetic.StableOrderDescending(allScores.AsSpan(0, count), order);
        int nd = Math.Min(count, _maxDet);
        var dts = Room(ref _dts, nd);
        var dtArea = Room(ref _dtArea, nd);
        for (int i = 0; i < nd; i++)
        {
            dts[i] = detectionList[order[i]];
            dtArea[i] = _problem.Detections[dts[i]].Area;
            _scores.Add(allScores[order[i]]);
        }
        int ng = groundTruthList.Count;
        var gts = Room(ref _gts, ng);
        var crowd = Room(ref _crowd, ng);
        var gtArea = Room(ref _gtArea, ng);
        var recorded = Room(ref _recorded, ng);
        for (int j = 0; j < ng; j++)
        {
            gts[j] = groundTruthList[j];
            var gt = _problem.GroundTruths[gts[j]];
            crowd[j] = gt.IsCrowd;
            gtArea[j] = gt.Area;
            // pycocotools records a match by the ground truth's id, so a ground truth with id 0 reads as no match.
            recorded[j] = gt.Id != 0;
        }

        var ious = Room(ref _ious, nd * ng);
        if (nd > 0 && ng > 0) _iou.Compute(dts.AsSpan(0, nd), gts.AsSpan(0, ng), ious.AsSpan(0, nd * ng));

        int flagOffset = _flags.Count;
        _images.Add(new ImageResult(image, _scores.Count - nd, nd, flagOffset));
        int perDetection = _areas * _thresholds;
        System.Runtime.InteropServices.CollectionsMarshal.SetCount(_flags, flagOffset + perDetection * nd);
        var allFlags = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_flags).Slice(flagOffset);

        var ignore = Room(ref _ignore, ng);
        var sortedGts = Room(ref _sortedGts, ng);
        var matched = Room(ref _matched, ng);
        var flags = Room(ref _flagColumn, nd);
        for (int a = 0; a < _areas; a++)
        {
            var range = _p.AreaRanges[a];
            // Ground truths that are not ignored first, each group in input order (a stable sort on the flag).
            int next = 0;
            for (int j = 0; j < ng; j++)
            {
                ignore[j] = crowd[j] || range.Excludes(gtArea[j]);
                if (!ignore[j]) sortedGts[next++] = j;
            }
            _countedGroundTruths[a] += next;
            for (int j = 0; j < ng; j++) if (ignore[j]) sortedGts[next++] = j;

            for (int t = 0; t < _thresholds; t++)
            {
                Array.Clear(matched, 0, ng);
                double threshold = Math.Min(_p.IouThresholds[t], 1 - 1e-10);
                for (int d = 0; d < nd; d++)
                {
                    double best = threshold;
                    int m = -1;
                    for (int s = 0; s < ng; s++)
                    {
                        int j = sortedGts[s];
                        if (matched[s] && !crowd[j]) continue;
                        if (m > -1 && !ignore[sortedGts[m]] && ignore[j]) break;
                        double v = ious[d * ng + j];
                        if (v < best) continue;
                        best = v;
                        m = s;
                    }
                    bool outsideRange = range.Excludes(dtArea[d]);
                    if (m == -1)
                    {
                        flags[d] = outsideRange ? Ignored : FalsePositive;
                        continue;
                    }
                    matched[m] = true;
                    int g = sortedGts[m];
                    bool ignoredDetection = ignore[g] || (!recorded[g] && outsideRange);
                    flags[d] = ignoredDetection ? Ignored : recorded[g] ? TruePositive : FalsePositive;
                }
                for (int d = 0; d < nd; d++) allFlags[d * perDetection + a * _thresholds + t] = flags[d];
                if (t == 0 && a == 0) RecordOutcomes(image, dts.AsSpan(0, nd), gts.AsSpan(0, ng), sortedGts.AsSpan(0, ng), ignore, matched, flags.AsSpan(0, nd));
            }
        }
    }

    private void RecordOutcomes(int image, ReadOnlySpan<int> dts, ReadOnlySpan<int> gts, ReadOnlySpan<int> sortedGts, bool[] ignore, bool[] matched, ReadOnlySpan<byte> flags)
    {
        for (int d = 0; d < dts.Length; d++)
            if (flags[d] != Ignored)
                Outcomes.Add(new Outcome(image, flags[d] == TruePositive ? OutcomeKind.TruePositive : OutcomeKind.FalsePositive, dts[d]));
        for (int s = 0; s < sortedGts.Length; s++)
            if (!matched[s] && !ignore[sortedGts[s]]) Outcomes.Add(new Outcome(image, OutcomeKind.Miss, gts[sortedGts[s]]));
    }

    /// <summary>accumulate(): this category's precision[T,R,·,A,M] and recall[T,·,A,M].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Accumulate(CocoEvaluation evaluation, int k)
    {
        if (_images.Count == 0) return;
        int recallCount = _p.RecallThresholds.Count;
        int perDetection = _areas * _thresholds;
        var allFlags = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_flags);
        int mostPerImage = 0;
        foreach (var r in _images) mostPerImage = Math.Max(mostPerImage, r.Count);
        for (int m = 0; m < _p.MaxDetections.Count; m++)
        {
            int maxDet = _p.MaxDetections[m];
            // A smaller maxDets that already keeps every detection of every image gives the same lists.
            if (m > 0 && mostPerImage <= _p.MaxDetections[m - 1])
            {
                evaluation.CopyMaxDetections(k, from: m - 1, to: m);
                continue;
            }
            int n = 0;
            foreach (var r in _images) n += Math.Min(r.Count, maxDet);
            var scores = new double[n];
            var flagBase = new int[n];
            n = 0;
            foreach (var r in _images)
                for (int d = 0; d < Math.Min(r.Count, maxDet); d++, n++)
                {
                    scores[n] = _scores[r.ScoreOffset + d];
                    flagBase[n] = r.FlagOffset + d * perDetection;
                }
            var order = NumpyArithmetic.StableOrderDescending(scores);
            for (int i = 0; i < n; i++) order[i] = flagBase[order[i]];
            var rc = new double[n];
            var pr = new double[n];
            for (int a = 0; a < _areas; a++)
            {
                int npig = _countedGroundTruths[a];
                if (npig == 0) continue;
                for (int t = 0; t < _thresholds; t++)
                {
                    int column = a * _thresholds + t;
                    double tp = 0, fp = 0;
                    for (int i = 0; i < n; i++)
                    {
                        byte flag = allFlags[order[i] + column];
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
