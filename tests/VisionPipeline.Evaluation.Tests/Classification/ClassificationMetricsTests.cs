using VisionPipeline.Evaluation.Classification;

namespace VisionPipeline.Evaluation.Tests.Classification;

/// <summary>Classification metrics on a case worked out by hand (the same numbers scikit-learn gives).</summary>
public class ClassificationMetricsTests
{
    [Fact]
    public void Per_class_scores_and_the_three_averages_follow_scikit_learn()
    {
        string[] truth = ["a", "a", "b", "b", "c"], predicted = ["a", "b", "b", "b", "a"];
        var m = ClassificationMetrics.Compute(truth.Zip(predicted, (t, p) => new ClassificationSample("", t, p)).ToList());

        Assert.Equal(["a", "b", "c"], m.Classes);
        Assert.Equal(0.6, m.Accuracy);
        Assert.Null(m.Top5);
        Assert.Equal((0.5, 0.5, 0.5, 2), (m.PerClass[0].Precision, m.PerClass[0].Recall, m.PerClass[0].F1, m.PerClass[0].Support));
        Assert.Equal(2.0 / 3, m.PerClass[1].Precision, 12);
        Assert.Equal(0.8, m.PerClass[1].F1, 12);
        Assert.Equal((0.0, 0.0, 0.0), (m.PerClass[2].Precision, m.PerClass[2].Recall, m.PerClass[2].F1));
        Assert.Equal(1.3 / 3, m.MacroF1, 12);
        Assert.Equal(0.6, m.MicroF1, 12);
        Assert.Equal((0.5 * 2 + 0.8 * 2) / 5, m.WeightedF1, 12);
        Assert.Equal(1, m.Confusion[0, 0]);
        Assert.Equal(1, m.Confusion[0, 1]);
        Assert.Equal(2, m.Confusion[1, 1]);
        Assert.Equal(1, m.Confusion[2, 0]);
    }

    [Fact]
    public void Top5_counts_the_truth_among_the_five_best_scores_with_ties_broken_by_class_order()
    {
        string[] classes = ["a", "b", "c", "d", "e", "f", "g"];
        var sixth = new ClassificationSample("1", "f", "a", [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]);
        var fifth = new ClassificationSample("2", "e", "a", [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]);
        var tiedLate = new ClassificationSample("3", "g", "a", [0.5, 0.5, 0.5, 0.5, 0.5, 0.1, 0.5]);
        var m = ClassificationMetrics.Compute([sixth, fifth, tiedLate], classes);
        Assert.Equal(1.0 / 3, m.Top5!.Value, 12);
    }

    [Fact]
    public void F1_is_two_TP_over_two_TP_plus_FP_plus_FN_as_scikit_learn_1_3_computes_it()
    {
        // Class a: TP 1, FP 0, FN 4 → 2/6 exactly; 2PR/(P+R) = 2·1·0.2/1.2 ends one bit above.
        string[] truth = ["a", "a", "a", "a", "a"], predicted = ["a", "b", "b", "b", "b"];
        var m = ClassificationMetrics.Compute(truth.Zip(predicted, (t, p) => new ClassificationSample("", t, p)).ToList());
        Assert.True(m.PerClass[0].F1 == 2.0 / 6, $"F1 of a is {m.PerClass[0].F1:R}, scikit-learn gives {2.0 / 6:R}");
    }
}
