using VisionPipeline.Datasets;
using VisionPipeline.Evaluation.Detection.Coco;

namespace VisionPipeline.Evaluation.Tests.Detection;

/// <summary>
/// Small cases worked out by hand for each of the 12 COCO numbers and each edge case of pycocotools' protocol.
/// "P1" below is pycocotools' precision of a lone true positive, 1 / (1 + np.spacing(1)), one ulp under 1.
/// </summary>
public class CocoHandComputedTests
{
    private static readonly double P1 = 1 / (1 + Math.Pow(2, -52));

    private sealed class Builder
    {
        private readonly List<GroundTruthObject> _gts = [];
        private readonly List<DetectedObject> _dts = [];
        private readonly SortedSet<long> _images = [];
        private readonly SortedSet<long> _categories = [];

        public Builder Images(params long[] ids) { _images.UnionWith(ids); return this; }
        public Builder Categories(params long[] ids) { _categories.UnionWith(ids); return this; }

        public Builder Gt(long image, long category, double x, double y, double w, double h, bool crowd = false, double? area = null, long? id = null)
        {
            _images.Add(image);
            _categories.Add(category);
            _gts.Add(new GroundTruthObject(id ?? _gts.Count + 1, image, category, new BoxXywh(x, y, w, h), area ?? w * h, crowd));
            return this;
        }

        public Builder Dt(long image, long category, double x, double y, double w, double h, double score)
        {
            _dts.Add(new DetectedObject(image, category, new BoxXywh(x, y, w, h), w * h, score));
            return this;
        }

        public CocoSummary Summary()
        {
            var problem = new CocoProblem(_images.ToList(), _categories.ToList(), _gts, _dts);
            return CocoEvaluator.Evaluate(problem, new BoxIouMeasure(_dts, _gts)).Summarize();
        }
    }

    private static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) < 1e-12, $"{what}: expected {expected:R}, got {actual:R}");

    [Fact]
    public void A_perfect_detection_scores_P1_for_AP_and_1_for_AR_in_its_size_range_only()
    {
        var s = new Builder().Gt(1, 1, 0, 0, 10, 10).Dt(1, 1, 0, 0, 10, 10, 0.9).Summary();
        Near(P1, s.AP, "AP");
        Near(P1, s.AP50, "AP50");
        Near(P1, s.AP75, "AP75");
        Near(P1, s.APs, "APs (area 100 is small)");
        Assert.Equal(-1, s.APm);
        Assert.Equal(-1, s.APl);
        Assert.Equal(1, s.AR1);
        Assert.Equal(1, s.AR10);
        Assert.Equal(1, s.AR100);
        Assert.Equal(1, s.ARs);
        Assert.Equal(-1, s.ARm);
        Assert.Equal(-1, s.ARl);
    }

    [Fact]
    public void An_IoU_of_0_6_counts_at_thresholds_0_5_to_0_6_only()
    {
        // gt [0,0,10,10], det [0,0,10,6]: IoU 60/100 = 0.6 → true positive at .50, .55, .60; a miss plus a false
        // positive at the 7 higher thresholds (precision 0 there).
        var s = new Builder().Gt(1, 1, 0, 0, 10, 10).Dt(1, 1, 0, 0, 10, 6, 0.8).Summary();
        Near(P1, s.AP50, "AP50");
        Assert.Equal(0, s.AP75);
        Near(3 * P1 / 10, s.AP, "AP (3 of 10 thresholds)");
        Near(0.3, s.AR100, "AR100");
    }

    [Fact]
    public void Area_ranges_split_small_medium_and_large_by_the_annotation_area_with_inclusive_bounds()
    {
        // Three images: a small object matched, a medium one missed, a large one matched. Area 1024 is both small and
        // medium (inclusive bounds), so the "small" gt of area exactly 32² also counts as medium.
        var s = new Builder()
            .Gt(1, 1, 0, 0, 32, 32).Dt(1, 1, 0, 0, 32, 32, 0.9)
            .Gt(2, 1, 0, 0, 50, 50)
            .Gt(3, 1, 0, 0, 100, 100).Dt(3, 1, 0, 0, 100, 100, 0.8)
            .Summary();
        Near(P1, s.APs, "APs: the one small object found");
        Assert.Equal(1, s.ARs);
        // medium holds the 32² object (found, score .9) and the 50² one (missed); the large detection is outside
        // medium and unmatched there, so it is ignored: recall 1/2, precision 1 up to it.
        Near(0.5, s.ARm, "ARm");
        Near(51 * P1 / 101, s.APm, "APm: precision P1 at recall thresholds 0..0.5 (51 of 101)");
        Assert.Equal(1, s.ARl);
        Near(P1, s.APl, "APl");
        // all: recall 2/3 with both detections correct (precision P1 then 1).
        Near(2.0 / 3, s.AR100, "AR100");
    }

    [Fact]
    public void AR1_keeps_only_the_best_detection_of_each_image()
    {
        var s = new Builder()
            .Gt(1, 1, 0, 0, 10, 10).Gt(1, 1, 50, 50, 10, 10)
            .Dt(1, 1, 0, 0, 10, 10, 0.9).Dt(1, 1, 50, 50, 10, 10, 0.8)
            .Summary();
        Assert.Equal(0.5, s.AR1);
        Assert.Equal(1, s.AR10);
        Assert.Equal(1, s.AR100);
        Assert.Equal(1, s.AP);
    }

    [Fact]
    public void Detections_on_a_crowd_region_are_ignored_however_many_there_are()
    {
        // A crowd box and a normal object; three detections inside the crowd would be false positives without it.
        var withCrowd = new Builder()
            .Gt(1, 1, 0, 0, 100, 100, crowd: true).Gt(1, 1, 200, 200, 20, 20)
            .Dt(1, 1, 10, 10, 30, 30, 0.95).Dt(1, 1, 50, 50, 30, 30, 0.94).Dt(1, 1, 0, 0, 50, 50, 0.93)
            .Dt(1, 1, 200, 200, 20, 20, 0.5)
            .Summary();
        Near(P1, withCrowd.AP, "AP: crowd matches are neither true nor false positives");
        Assert.Equal(1, withCrowd.AR100);
    }

    [Fact]
    public void A_category_without_ground_truth_is_minus_one_and_stays_out_of_the_means()
    {
        var s = new Builder().Categories(5)
            .Gt(1, 1, 0, 0, 10, 10).Dt(1, 1, 0, 0, 10, 10, 0.9)
            .Dt(1, 5, 0, 0, 10, 10, 0.9)
            .Summary();
        Assert.Equal(-1, s.PerClass[5]);
        Near(P1, s.PerClass[1], "category 1");
        Near(P1, s.AP, "AP averages only category 1");
    }

    [Fact]
    public void A_category_without_detections_has_AP_zero_and_pulls_the_mean_down()
    {
        var s = new Builder()
            .Gt(1, 1, 0, 0, 10, 10).Dt(1, 1, 0, 0, 10, 10, 0.9)
            .Gt(1, 2, 30, 30, 10, 10)
            .Summary();
        Assert.Equal(0, s.PerClass[2]);
        Near(P1 / 2, s.AP, "AP");
        Assert.Equal(0.5, s.AR100);
    }

    [Fact]
    public void Detections_beyond_the_100_best_of_an_image_are_dropped()
    {
        var b = new Builder().Gt(1, 1, 0, 0, 10, 10);
        for (int i = 0; i < 100; i++) b.Dt(1, 1, 500 + i, 500, 10, 10, 0.9);
        b.Dt(1, 1, 0, 0, 10, 10, 0.1); // the only correct one, 101st by score
        var s = b.Summary();
        Assert.Equal(0, s.AP);
        Assert.Equal(0, s.AR100);
    }

    [Fact]
    public void Equal_scores_keep_input_order_within_an_image_and_image_id_order_across_images()
    {
        // Same score: a false positive first (input order) then the true positive → precision 1/2 at recall 1.
        var fpFirst = new Builder().Gt(1, 1, 0, 0, 10, 10)
            .Dt(1, 1, 50, 50, 10, 10, 0.5).Dt(1, 1, 0, 0, 10, 10, 0.5).Summary();
        Near(0.5, fpFirst.AP, "false positive first");
        var tpFirst = new Builder().Gt(1, 1, 0, 0, 10, 10)
            .Dt(1, 1, 0, 0, 10, 10, 0.5).Dt(1, 1, 50, 50, 10, 10, 0.5).Summary();
        Near(P1, tpFirst.AP, "true positive first");
        // Across images the lower image id comes first, whatever the input order.
        var acrossImages = new Builder().Images(1, 2).Gt(2, 1, 0, 0, 10, 10)
            .Dt(2, 1, 0, 0, 10, 10, 0.5).Dt(1, 1, 0, 0, 10, 10, 0.5).Summary();
        Near(0.5, acrossImages.AP, "image 1's false positive ranks first");
    }

    [Fact]
    public void Zero_area_boxes_match_nothing_and_count_as_small()
    {
        var s = new Builder()
            .Gt(1, 1, 5, 5, 0, 10).Dt(1, 1, 5, 5, 0, 10, 0.9)
            .Summary();
        Assert.Equal(0, s.AP);
        Assert.Equal(0, s.APs);
        Assert.Equal(0, s.ARs);
        Assert.Equal(-1, s.APm);
    }

    [Fact]
    public void Category_ids_need_not_be_contiguous()
    {
        var s = new Builder()
            .Gt(1, 3, 0, 0, 10, 10).Dt(1, 3, 0, 0, 10, 10, 0.9)
            .Gt(1, 90, 0, 0, 10, 10).Dt(1, 90, 0, 0, 10, 6, 0.9)
            .Summary();
        Assert.Equal([3L, 90L], s.PerClass.Keys);
        Near(P1, s.PerClass[3], "category 3");
        Near(3 * P1 / 10, s.PerClass[90], "category 90");
    }

    [Fact]
    public void Two_true_positives_in_a_row_reach_precision_exactly_one()
    {
        // 2 / (2 + np.spacing(1)) rounds to 1: so AP is P1 at the first recall points and 1 after.
        var s = new Builder().Gt(1, 1, 0, 0, 10, 10).Gt(1, 1, 20, 20, 10, 10)
            .Dt(1, 1, 0, 0, 10, 10, 0.9).Dt(1, 1, 20, 20, 10, 10, 0.8).Summary();
        // Monotone from the right: precision 1 at both ranks, so every recall threshold reads 1.
        Assert.Equal(1, s.AP);
    }
}
