using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Formats.MaskFolder;
using VisionPipeline.Datasets.Formats.Voc;
using VisionPipeline.Datasets.Formats.Yolo;
using VisionPipeline.Datasets.Tests.Fixtures;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Datasets.Tests.Formats;

/// <summary>a.jpg and a.png would share one label file (a.txt, a.xml); the second gets the stem a_png.</summary>
public class SameStemTests
{
    private static Dataset TwoImagesOneStem(TempDirectory source)
    {
        File.Copy(RepoPaths.Sample("fruits.jpg"), source.File("a.jpg"));
        File.Copy(RepoPaths.Sample("basketball1.png"), source.File("a.png"));
        var (w1, h1) = SampleDataset.Size("fruits.jpg");
        var (w2, h2) = SampleDataset.Size("basketball1.png");
        return new Dataset(source.Path, [new Category(1, "one"), new Category(2, "two")],
        [
            new DatasetImage(1, "a.jpg", w1, h1, [new Annotation(1, 1, new BoxXywh(10, 10, 20, 20))]),
            new DatasetImage(2, "a.png", w2, h2, [new Annotation(2, 2, new BoxXywh(30, 30, 40, 40)), new Annotation(3, 2, new BoxXywh(1, 1, 5, 5))]),
        ]);
    }

    [Fact]
    public void Yolo_gives_the_second_image_its_own_stem_for_image_and_label()
    {
        using var source = new TempDirectory();
        using var output = new TempDirectory();
        var losses = new LossReport();
        new YoloWriter().Write(TwoImagesOneStem(source), output.Path, losses);
        Assert.True(File.Exists(output.File("images/train/a_png.png")), "the second image must be written as a_png.png");
        Assert.True(File.ReadAllLines(output.File("labels/train/a.txt")).Length == 1, "a.txt must hold a.jpg's single row only");
        Assert.True(File.ReadAllLines(output.File("labels/train/a_png.txt")).Length == 2, "a_png.txt must hold a.png's two rows");
        Assert.Contains("images renamed: another image has the same name stem: 1, e.g. a.png → images/train/a_png.png", losses.Lines());
        var read = YoloReader.Read(output.Path).Images.ToDictionary(i => i.FilePath, i => i.Annotations.Count);
        Assert.Equal(new Dictionary<string, int> { ["images/train/a.jpg"] = 1, ["images/train/a_png.png"] = 2 }, read);
    }

    [Fact]
    public void Voc_gives_the_second_image_its_own_stem_for_image_and_xml()
    {
        using var source = new TempDirectory();
        using var output = new TempDirectory();
        var losses = new LossReport();
        new VocWriter().Write(TwoImagesOneStem(source), output.Path, losses);
        Assert.Contains("images renamed: another image has the same name stem: 1, e.g. a.png → JPEGImages/a_png.png", losses.Lines());
        var read = VocReader.Read(output.Path);
        Assert.Empty(read.Warnings.Items);
        Assert.Equal(new Dictionary<string, int> { ["JPEGImages/a.jpg"] = 1, ["JPEGImages/a_png.png"] = 2 },
            read.Images.ToDictionary(i => i.FilePath, i => i.Annotations.Count));
    }

    [Fact]
    public void Mask_folder_gives_the_second_image_its_own_mask()
    {
        using var source = new TempDirectory();
        using var output = new TempDirectory();
        var dataset = TwoImagesOneStem(source);
        var withMasks = new Dataset(dataset.ImageRoot, dataset.Categories, dataset.Images.Select(i => i with
        {
            Annotations = i.Annotations.Select(a => a with { Segmentation = new PolygonSegmentation([[a.Box.X, a.Box.Y, a.Box.Right, a.Box.Y, a.Box.Right, a.Box.Bottom]]) }).ToList(),
        }).ToList());
        var losses = new LossReport();
        new MaskFolderWriter().Write(withMasks, output.Path, losses);
        Assert.Contains("images renamed: another image has the same name stem: 1, e.g. a.png → images/a_png.png", losses.Lines());
        var read = MaskFolderReader.Read(output.Path);
        Assert.Equal(new Dictionary<string, int> { ["images/a.jpg"] = 1, ["images/a_png.png"] = 1 },
            read.Images.ToDictionary(i => i.FilePath, i => i.Annotations.Count));
    }

    [Fact]
    public void Mask_folder_skips_an_image_whose_mask_cannot_be_painted_and_writes_the_others()
    {
        using var source = new TempDirectory();
        using var output = new TempDirectory();
        var dataset = TwoImagesOneStem(source);
        var images = dataset.Images.ToList();
        images[0] = images[0] with { Annotations = [new Annotation(1, 1, new BoxXywh(0, 0, 1, 1)) { Segmentation = new PolygonSegmentation([[0, 0, 1e9, 0, 0, 5]]) }] };
        var bad = new Dataset(dataset.ImageRoot, dataset.Categories, images);
        new MaskFolderWriter().Write(bad, output.Path, new LossReport());
        var warning = Assert.Single(bad.Warnings.Items);
        Assert.StartsWith("a.jpg: annotation 1: polygon coordinate 1000000000", warning);
        Assert.False(File.Exists(output.File("images/a.jpg")), "an image whose mask failed must not be written without it");
        Assert.True(File.Exists(output.File("images/a_png.png")) && File.Exists(output.File("masks/a_png.png")), "the other image and its mask are written");
        Assert.True(File.Exists(output.File("classes.txt")), "classes.txt is written for what was written");
    }
}
