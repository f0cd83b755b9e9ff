using OpenCvSharp;
using VisionPipeline.Evaluation.Inputs;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Evaluation.Tests.Classification;

/// <summary>Ground truth from an ImageFolder dataset, predictions from CSV keyed by relative path.</summary>
public class ClassificationInputTests
{
    [Fact]
    public void An_ImageFolder_ground_truth_gives_each_image_its_folder_as_label()
    {
        using var dir = new TempDirectory();
        using var pixel = new Mat(4, 4, MatType.CV_8UC3, Scalar.All(128)); // generated 4×4 images: only their place matters
        foreach (var (folder, name) in new[] { ("cat", "a.png"), ("cat", "b.png"), ("dog", "c.png") })
        {
            Directory.CreateDirectory(dir.File($"set/{folder}"));
            Cv2.ImWrite(dir.File($"set/{folder}/{name}"), pixel);
        }
        File.WriteAllText(dir.File("pred.csv"), "id,label\ncat/a.png,cat\ndog/c.png,cat\n");

        var input = ClassificationCsv.Read(dir.File("set"), dir.File("pred.csv"));

        Assert.Equal([("cat/a.png", "cat", "cat"), ("dog/c.png", "dog", "cat")], input.Samples.Select(s => (s.Id, s.Truth, s.Predicted)));
        Assert.Contains(input.Problems, p => p.Contains("no prediction for id 'cat/b.png'"));
    }

    [Fact]
    public void A_predictions_header_naming_a_class_twice_is_refused_at_the_second_cell()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("gt.csv"), "id,label\nx,cat\n");
        File.WriteAllText(dir.File("pred.csv"), "id,label,cat,dog,cat\nx,cat,0.5,0.2,0.3\n");

        var e = Assert.Throws<VisionPipeline.Core.Errors.VisionException>(() => ClassificationCsv.Read(dir.File("gt.csv"), dir.File("pred.csv")));

        Assert.Equal($"{dir.File("pred.csv")}:1:18: the header names class 'cat' in more than one score column", e.Message);
    }

    [Theory]
    [InlineData("id,label,cat,dog\nx,cat,0.5,high\n", "2:11: score 'high' is not a number")]
    [InlineData("id,label,cat,dog\nx,cat, 0.5 ,0.2,0.3\n", "2:17: 3 scores but the header names 2 classes")]
    [InlineData("x,cat,0.5\n", "1:7: score columns need a header row naming their classes (id,label,class1,…)")]
    [InlineData("id,label\nx\n", "2:1: expected id,label[,scores]")]
    [InlineData("id,label\n\"x,cat\n", "2:1: unterminated quoted field")]
    public void A_bad_prediction_cell_is_refused_at_its_line_and_column(string predictions, string expected)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("gt.csv"), "id,label\nx,cat\n");
        File.WriteAllText(dir.File("pred.csv"), predictions);

        var e = Assert.Throws<VisionPipeline.Core.Errors.VisionException>(() => ClassificationCsv.Read(dir.File("gt.csv"), dir.File("pred.csv")));

        Assert.Equal($"{dir.File("pred.csv")}:{expected}", e.Message);
    }

    [Fact]
    public void Ids_that_are_not_in_the_ground_truth_or_come_twice_are_problems_at_their_cell()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("gt.csv"), "id,label\nx,cat\n x ,dog\n");
        File.WriteAllText(dir.File("pred.csv"), "id,label\nx,cat\ny,cat\n");

        var input = ClassificationCsv.Read(dir.File("gt.csv"), dir.File("pred.csv"));

        Assert.Contains($"{dir.File("gt.csv")}:3:2: id 'x' appears again; the first label is kept", input.Problems);
        Assert.Contains($"{dir.File("pred.csv")}:3:1: id 'y' is not in the ground truth; skipped", input.Problems);
    }
}
