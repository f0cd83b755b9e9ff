using VisionPipeline.Datasets;
using VisionPipeline.Evaluation.Detection.Coco;
using VisionPipeline.Evaluation.Detection.Confusion;

namespace VisionPipeline.Evaluation.Tests.Detection;

/// <summary>The detection class-confusion matrix on one image worked out by hand.</summary>
public class DetectionConfusionTests
{
    [Fact]
    public void Right_class_wrong_class_false_positive_and_miss_land_in_their_cells()
    {
        var a = new BoxXywh(0, 0, 10, 10);
        var b = new BoxXywh(50, 0, 10, 10);
        var c = new BoxXywh(100, 0, 10, 10);
        var problem = new CocoProblem([1], [1, 2],
            [new(1, 1, 1, a, 100, false), new(2, 1, 2, b, 100, false), new(3, 1, 2, c, 100, false)],
            [
                new(1, 1, a, 100, 0.9),                       // class 1 on the class-1 object
                new(1, 1, b, 100, 0.8),                       // class 1 on a class-2 object
                new(1, 2, new BoxXywh(300, 0, 10, 10), 100, 0.7), // class 2 on nothing
                new(1, 2, c, 100, 0.1),                       // below the confidence: the object counts as missed
            ]);

        var m = DetectionConfusion.Compute(problem, 0.25);

        Assert.Equal([1L, 2L], m.CategoryIds);
        Assert.Equal(1, m.Counts[0, 0]);
        Assert.Equal(1, m.Counts[1, 0]);
        Assert.Equal(1, m.Counts[2, 1]);
        Assert.Equal(1, m.Counts[1, 2]);
        Assert.Equal(4, m.Counts.Cast<long>().Sum());
    }
}
