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
    public void A_predictions_header_naming_a_class_twice_is_refused_with_its_line()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("gt.csv"), "id,label\nx,cat\n");
        File.WriteAllText(dir.File("pred.csv"), "id,label,cat,dog,cat\nx,cat,0.5,0.2,0.3\n");

        var e = Assert.Throws<VisionPipeline.Core.Errors.VisionException>(() => ClassificationCsv.Read(dir.File("gt.csv"), dir.File("pred.csv")));

        Assert.Contains("line 1", e.Message);
        Assert.Contains("'cat'", e.Message);
        Assert.Contains("pred.csv", e.Message);
    }
}
