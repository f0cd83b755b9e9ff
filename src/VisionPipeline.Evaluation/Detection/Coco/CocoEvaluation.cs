using VisionPipeline.Evaluation.Numerics;

namespace VisionPipeline.Evaluation.Detection.Coco;

/// <summary>
/// COCOeval's <c>eval</c>: precision[T,R,K,A,M] and recall[T,K,A,M] (-1 where a setting has no ground truth),
/// laid out in numpy's C order so that summaries average the values in the same order as numpy does.
/// </summary>
public sealed class CocoEvaluation
{
    private readonly double[] _precision;
    private readonly double[] _recall;
    private readonly int _r, _k, _a, _m;

    internal CocoEvaluation(CocoParameters parameters, long[] imageIds, long[] categoryIds)
    {
        Parameters = parameters;
        ImageIds = imageIds;
        CategoryIds = categoryIds;
        _r = parameters.RecallThresholds.Count;
        _k = categoryIds.Length;
        _a = parameters.AreaRanges.Count;
        _m = parameters.MaxDetections.Count;
        int t = parameters.IouThresholds.Count;
        _precision = new double[t * _r * _k * _a * _m];
        _recall = new double[t * _k * _a * _m];
        Array.Fill(_precision, -1.0);
        Array.Fill(_recall, -1.0);
    }

    public CocoParameters Parameters { get; }

    /// <summary>The ground truth's image ids, sorted: the images evaluated.</summary>
    public IReadOnlyList<long> ImageIds { get; }

    /// <summary>The ground truth's category ids, sorted: index k of the arrays.</summary>
    public IReadOnlyList<long> CategoryIds { get; }

    /// <summary>Per image with any match, miss or false positive: the outcome at IoU 0.5, all areas, 100 detections.</summary>
    public IReadOnlyList<MatchOutcome> Outcomes { get; private set; } = [];

    public double Precision(int t, int r, int k, int a, int m) => _precision[PrecisionIndex(t, r, k, a, m)];

    public double Recall(int t, int k, int a, int m) => _recall[RecallIndex(t, k, a, m)];

    internal void SetPrecision(int t, int r, int k, int a, int m, double value) => _precision[PrecisionIndex(t, r, k, a, m)] = value;

    internal void SetRecall(int t, int k, int a, int m, double value) => _recall[RecallIndex(t, k, a, m)] = value;

    internal void CopyMaxDetections(int k, int from, int to)
    {
        int t = Parameters.IouThresholds.Count;
        for (int ti = 0; ti < t; ti++)
            for (int a = 0; a < _a; a++)
            {
                _recall[RecallIndex(ti, k, a, to)] = _recall[RecallIndex(ti, k, a, from)];
                for (int r = 0; r < _r; r++) _precision[PrecisionIndex(ti, r, k, a, to)] = _precision[PrecisionIndex(ti, r, k, a, from)];
            }
    }

    internal void SetOutcomes(IReadOnlyList<MatchOutcome> outcomes) => Outcomes = outcomes;

    private int PrecisionIndex(int t, int r, int k, int a, int m) => (((t * _r + r) * _k + k) * _a + a) * _m + m;

    private int RecallIndex(int t, int k, int a, int m) => ((t * _k + k) * _a + a) * _m + m;

    /// <summary>
    /// summarize()'s <c>np.mean(s[s &gt; -1])</c> over precision (AP) for the given IoU threshold index (all when
    /// null), area range and maxDets index: -1 when no value is defined.
    /// </summary>
    public double AveragePrecision(int? t, int a, int m)
    {
        var values = new List<double>();
        foreach (int ti in Thresholds(t))
            for (int r = 0; r < _r; r++)
                for (int k = 0; k < _k; k++)
                    Keep(values, Precision(ti, r, k, a, m));
        return MeanOrMinusOne(values);
    }

    /// <summary>summarize()'s mean recall over IoU thresholds and categories (AR).</summary>
    public double AverageRecall(int? t, int a, int m)
    {
        var values = new List<double>();
        foreach (int ti in Thresholds(t))
            for (int k = 0; k < _k; k++)
                Keep(values, Recall(ti, k, a, m));
        return MeanOrMinusOne(values);
    }

    /// <summary>A category's AP: mean precision over IoU thresholds and recall points (area all, 100 detections).</summary>
    public double CategoryAveragePrecision(int k, int a = 0, int? m = null)
    {
        int mi = m ?? _m - 1;
        var values = new List<double>();
        foreach (int ti in Thresholds(null))
            for (int r = 0; r < _r; r++)
                Keep(values, Precision(ti, r, k, a, mi));
        return MeanOrMinusOne(values);
    }

    public CocoSummary Summarize()
    {
        int all = 0, small = 1, medium = 2, large = 3;
        int last = _m - 1;
        int t50 = Parameters.IndexOfIou(0.5), t75 = Parameters.IndexOfIou(0.75);
        var perClass = new SortedDictionary<long, double>();
        for (int k = 0; k < _k; k++) perClass[CategoryIds[k]] = CategoryAveragePrecision(k);
        return new CocoSummary(
            AveragePrecision(null, all, last), AveragePrecision(t50, all, last), AveragePrecision(t75, all, last),
            AveragePrecision(null, small, last), AveragePrecision(null, medium, last), AveragePrecision(null, large, last),
            AverageRecall(null, all, 0), AverageRecall(null, all, 1), AverageRecall(null, all, last),
            AverageRecall(null, small, last), AverageRecall(null, medium, last), AverageRecall(null, large, last),
            perClass);
    }

    private IEnumerable<int> Thresholds(int? t) => t is { } one ? [one] : Enumerable.Range(0, Parameters.IouThresholds.Count);

    private static void Keep(List<double> values, double v)
    {
        if (v > -1) values.Add(v);
    }

    private static double MeanOrMinusOne(List<double> values) =>
        values.Count == 0 ? -1 : NumpyArithmetic.Mean(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values));
}
