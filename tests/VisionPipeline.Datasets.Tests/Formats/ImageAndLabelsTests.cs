using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Formats.Voc;
using VisionPipeline.Datasets.Formats.Yolo;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Datasets.Tests.Formats;

/// <summary>A writer never leaves an image without the labels or annotation file that goes with it.</summary>
public class ImageAndLabelsTests
{
    private static Dataset TwoFaces(TempDirectory root)
    {
        Directory.CreateDirectory(root.File("images/train"));
        Directory.CreateDirectory(root.File("labels/train"));
        foreach (var name in new[] { "a", "b" })
        {
            File.Copy(RepoPaths.Sample("messi5.jpg"), root.File($"images/train/{name}.jpg"));
            File.WriteAllText(root.File($"labels/train/{name}.txt"), "0 0.43344 0.31535 0.06297 0.10076\n");
        }
        File.WriteAllText(root.File("data.yaml"), "path: .\ntrain: images/train\nnames: [face]\n");
        return DatasetFormats.Read(DatasetFormat.Yolo, root.File("data.yaml"), null);
    }

    [Fact]
    public void A_yolo_label_file_that_cannot_be_written_takes_its_image_out_again()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        var dataset = TwoFaces(input);
        Directory.CreateDirectory(output.File("labels/train/a.txt")); // a folder where a's labels should go
        new YoloWriter().Write(dataset, output.Path, new LossReport());
        Assert.False(File.Exists(output.File("images/train/a.jpg")), "a's image was written although its labels could not be");
        Assert.True(File.Exists(output.File("images/train/b.jpg")) && File.Exists(output.File("labels/train/b.txt")), "b was not written");
        Assert.Single(dataset.Warnings.Items, w => w.Contains("a.jpg") && w.Contains("not written"));
    }

    [Fact]
    public void A_voc_annotation_that_cannot_be_written_takes_its_image_out_again()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        var dataset = TwoFaces(input);
        Directory.CreateDirectory(output.File($"{VocReader.AnnotationFolder}/a.xml"));
        new VocWriter().Write(dataset, output.Path, new LossReport());
        Assert.False(File.Exists(output.File($"{VocReader.ImageFolder}/a.jpg")), "a's image was written although its annotation could not be");
        Assert.True(File.Exists(output.File($"{VocReader.ImageFolder}/b.jpg")) && File.Exists(output.File($"{VocReader.AnnotationFolder}/b.xml")), "b was not written");
        Assert.Single(dataset.Warnings.Items, w => w.Contains("a.jpg") && w.Contains("not written"));
    }
}
