using VisionPipeline.Datasets;
using VisionPipeline.Evaluation.Detection.Coco;
using VisionPipeline.Evaluation.Detection.Confidence;
using VisionPipeline.Evaluation.Detection.Voc;

namespace VisionPipeline.Evaluation.Tests.Detection;

/// <summary>VOC AP (both interpolations) and the confidence sweep on rankings worked out by hand.</summary>
public class VocAndConfidenceTests
{
    private static CocoProblem Ranking(params (double Score, bool Hit)[] dets)
    {
        // Three objects in one image; each hit lands exactly on the next unused object, each miss far away.
        var gts = new List<GroundTruthObject>
        {
            new(1, 1, 1, new BoxXywh(0, 0, 20, 20), 400, false),
            new(2, 1, 1, new BoxXywh(100, 0, 20, 20), 400, false),
            new(3, 1, 1, new BoxXywh(200, 0, 20, 20), 400, false),
        };
        int next = 0;
        var detections = dets.Select(d => new DetectedObject(1, 1,
            d.Hit ? gts[next++].Box : new BoxXywh(500, 500, 20, 20), 400, d.Score)).ToList();
        return new CocoProblem([1], [1], gts, detections);
    }

    [Fact]
    public void VOC_AP_by_all_points_and_eleven_points_matches_the_devkit_arithmetic()
    {
        // Two objects found at ranks 1 and 3 of three, out of 3: recall .33,.33,.67; precision 1, .5, .67.
        var result = VocEvaluator.Evaluate(Ranking((0.9, true), (0.8, false), (0.7, true)));
        var c = Assert.Single(result.Classes);
        Assert.Equal(3, c.Positives);
        // envelope: precision 1 up to recall 1/3, 2/3 up to recall 2/3, then nothing.
        Assert.Equal(1.0 / 3 * 1 + 1.0 / 3 * (2.0 / 3), c.AveragePrecision, 12);
        // 11 points: t = 0, .1, .2, .3 → 1; t = .4, .5, .6 → 2/3; t = .7 … 1 → 0.
        Assert.Equal((4 * 1 + 3 * (2.0 / 3)) / 11, c.ElevenPointAveragePrecision, 12);
        Assert.Equal(c.AveragePrecision, result.MeanAveragePrecision);
    }

    [Fact]
    public void VOC_overlap_is_the_devkits_inclusive_pixel_overlap_of_the_same_box()
    {
        // Devkit boxes (inclusive pixels): truth 1..10 × 1..10, detection 6..10 × 1..10 (5 of its 10 columns overlap
        // truth... all of them): iw = 10 − 6 + 1 = 5, ih = 10, union = 100 + 50 − 50 → 0.5 — just a hit. Read as
        // continuous boxes (x = xmin − 1, w = xmax − xmin + 1) the same pair must give the same 0.5, not 0.5 + a pixel.
        var truth = new GroundTruthObject(1, 1, 1, new BoxXywh(0, 0, 10, 10), 100, false);
        var hit = new DetectedObject(1, 1, new BoxXywh(5, 0, 5, 10), 50, 0.9);
        var problem = new CocoProblem([1], [1], [truth], [hit]);
        Assert.True(Assert.Single(VocEvaluator.Evaluate(problem).Classes).AveragePrecision == 1.0, "IoU 0.5 exactly must count as a hit");
        // One column less: devkit IoU 40/100 = 0.4, a miss (with the old +1 on continuous boxes it read 0.45).
        var miss = new DetectedObject(1, 1, new BoxXywh(6, 0, 4, 10), 40, 0.9);
        Assert.True(Assert.Single(VocEvaluator.Evaluate(new CocoProblem([1], [1], [truth], [miss])).Classes).AveragePrecision == 0.0,
            "IoU 0.4 must be a miss");
    }

    [Fact]
    public void A_second_detection_of_an_object_is_a_false_positive_in_VOC()
    {
        var p = Ranking((0.9, true));
        var twice = p with { Detections = [.. p.Detections, p.Detections[0] with { Score = 0.8 }] };
        var c = Assert.Single(VocEvaluator.Evaluate(twice).Classes);
        Assert.Equal(1.0 / 3, c.AveragePrecision, 12);
    }

    [Fact]
    public void Confidence_sweep_gives_precision_recall_and_the_best_F1_threshold()
    {
        var problem = Ranking((0.9, true), (0.8, false), (0.7, true), (0.6, false));
        var evaluation = CocoEvaluator.Evaluate(problem, new BoxIouMeasure(problem.Detections, problem.GroundTruths));
        var sweep = new ConfidenceSweep(evaluation, problem.Detections);

        var at75 = sweep.At(0.75);
        Assert.Equal((1, 1, 2), (at75.TruePositives, at75.FalsePositives, at75.FalseNegatives));
        Assert.Equal(0.5, at75.Precision);
        Assert.Equal(1.0 / 3, at75.Recall, 12);

        var best = sweep.BestF1();
        Assert.Equal(0.7, best.Threshold);
        Assert.Equal(2.0 / 3, best.F1, 12);
    }
}
