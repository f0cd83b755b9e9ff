namespace VisionPipeline.Evaluation.Detection.Coco;

/// <summary>
/// COCOeval (iouType bbox or segm) with pycocotools' exact semantics: evaluate every (category, area range, image),
/// then accumulate the 101-point interpolated precision and the recall. Categories are independent and run in
/// parallel; each writes only its own slice of the result, so the numbers do not depend on the thread count.
/// </summary>
public static class CocoEvaluator
{
    public static CocoEvaluation Evaluate(CocoProblem problem, IIouMeasure iou, CocoParameters? parameters = null)
    {
        var p = parameters ?? CocoParameters.Default;
        long[] images = problem.ImageIds.Distinct().Order().ToArray();
        long[] categories = problem.CategoryIds.Distinct().Order().ToArray();
        var imageIndex = IndexOf(images);
        var categoryIndex = IndexOf(categories);

        var groundTruths = ByCategory(problem.GroundTruths.Count, categories.Length,
            i => (categoryIndex.GetValueOrDefault(problem.GroundTruths[i].CategoryId, -1), imageIndex.GetValueOrDefault(problem.GroundTruths[i].ImageId, -1)));
        var detections = ByCategory(problem.Detections.Count, categories.Length,
            i => (categoryIndex.GetValueOrDefault(problem.Detections[i].CategoryId, -1), imageIndex.GetValueOrDefault(problem.Detections[i].ImageId, -1)));

        var evaluation = new CocoEvaluation(p, images, categories);
        var outcomes = new List<CategoryMatcher.Outcome>[categories.Length];
        Parallel.For(0, categories.Length, k =>
        {
            var matcher = new CategoryMatcher(problem, iou, p);
            matcher.Match(groundTruths[k], detections[k]);
            matcher.Accumulate(evaluation, k);
            outcomes[k] = matcher.Outcomes;
        });
        evaluation.SetOutcomes(CollectOutcomes(images, outcomes));
        return evaluation;
    }

    private static Dictionary<long, int> IndexOf(long[] sortedIds)
    {
        var index = new Dictionary<long, int>(sortedIds.Length);
        for (int i = 0; i < sortedIds.Length; i++) index[sortedIds[i]] = i;
        return index;
    }

    /// <summary>
    /// Each category's objects as keys (image index in the high half, input position in the low half), sorted:
    /// grouped by image in image-id order, input order kept inside an image. Objects outside the ground truth's
    /// images or categories are left out.
    /// </summary>
    private static long[][] ByCategory(int count, int categoryCount, Func<int, (int Category, int Image)> locate)
    {
        var lists = new List<long>[categoryCount];
        for (int k = 0; k < categoryCount; k++) lists[k] = [];
        for (int i = 0; i < count; i++)
        {
            var (category, image) = locate(i);
            if (category < 0 || image < 0) continue;
            lists[category].Add(((long)image << 32) | (uint)i);
        }
        return lists.Select(list => { var keys = list.ToArray(); Array.Sort(keys); return keys; }).ToArray();
    }

    private static MatchOutcome[] CollectOutcomes(long[] images, List<CategoryMatcher.Outcome>[] perCategory)
    {
        var byImage = new MatchOutcome?[images.Length];
        foreach (var list in perCategory)
            foreach (var o in list)
            {
                var outcome = byImage[o.Image] ??= new MatchOutcome(images[o.Image]);
                (o.Kind switch
                {
                    CategoryMatcher.OutcomeKind.TruePositive => outcome.TruePositives,
                    CategoryMatcher.OutcomeKind.FalsePositive => outcome.FalsePositives,
                    _ => outcome.Misses,
                }).Add(o.Object);
            }
        return byImage.OfType<MatchOutcome>().ToArray();
    }
}
