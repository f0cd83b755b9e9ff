using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Formats.MaskFolder;
using VisionPipeline.Datasets.Masks;
using VisionPipeline.Datasets.Tests.Fixtures;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Datasets.Tests.Formats;

/// <summary>Label maps are generated for sample-images/ photos (rectangles and a circle painted with class values).</summary>
public class MaskFolderFormatTests
{
    private static void MakeMaskDataset(TempDirectory dir, bool withClasses = true)
    {
        SampleDataset.CopyPhoto("orange.jpg", dir.File("images/orange.jpg"));
        SampleDataset.CopyPhoto("fruits.jpg", dir.File("images/fruits.jpg"));
        Directory.CreateDirectory(dir.File("masks"));
        using (var map = new Mat(512, 512, MatType.CV_8UC1, Scalar.All(0)))
        {
            Cv2.Circle(map, new Point(256, 256), 100, Scalar.All(2), -1);
            Cv2.Rectangle(map, new Rect(0, 0, 50, 40), Scalar.All(255), -1);
            Cv2.ImWrite(dir.File("masks/orange.png"), map);
        }
        using (var map = new Mat(480, 512, MatType.CV_8UC1, Scalar.All(0)))
        {
            Cv2.Rectangle(map, new Rect(10, 20, 30, 40), Scalar.All(1), -1);
            Cv2.Rectangle(map, new Rect(100, 100, 5, 7), Scalar.All(2), -1);
            Cv2.ImWrite(dir.File("masks/fruits.png"), map);
        }
        if (withClasses) File.WriteAllText(dir.File("classes.txt"), "background\nleaf\norange\n");
    }

    [Fact]
    public void Each_class_value_becomes_one_rle_region_and_255_is_ignored()
    {
        using var dir = new TempDirectory();
        MakeMaskDataset(dir);
        var dataset = MaskFolderReader.Read(dir.Path);
        Assert.Equal([(1L, "leaf"), (2L, "orange")], dataset.Categories.Select(c => (c.Id, c.Name)));
        var images = dataset.Images.ToList();
        var fruits = images.Single(i => i.FilePath == "images/fruits.jpg");
        Assert.Equal("masks/fruits.png", fruits.MaskPath);
        Assert.Equal([(1L, 1200.0, new BoxXywh(10, 20, 30, 40)), (2L, 35.0, new BoxXywh(100, 100, 5, 7))],
            fruits.Annotations.Select(a => (a.CategoryId, a.Area!.Value, a.Box)));
        var orange = images.Single(i => i.FilePath == "images/orange.jpg").Annotations.Single();
        using var map = Cv2.ImRead(dir.File("masks/orange.png"), ImreadModes.Unchanged);
        using var two = new Mat();
        Cv2.Compare(map, 2, two, CmpTypes.EQ);
        Assert.Equal(Cv2.CountNonZero(two), orange.Area);
        Assert.Equal(["masks/orange.png: has ignore pixels (value 255); they belong to no class and are not read as objects"], dataset.Warnings.Items);
        Assert.True(dataset.Warnings.Skipped == 0, "ignore pixels are a documented convention: an informational warning, exit 0");
    }

    [Fact]
    public void Mask_without_an_image_and_image_without_a_mask_are_reported()
    {
        using var dir = new TempDirectory();
        MakeMaskDataset(dir);
        File.Move(dir.File("masks/orange.png"), dir.File("masks/lemon.png"));
        var dataset = MaskFolderReader.Read(dir.Path);
        Assert.Equal(2, dataset.Images.Count());
        Assert.Equal(["images/orange.jpg: has no mask masks/orange.png; read as an image without labels", "masks/lemon.png: mask has no image; not read"],
            dataset.Warnings.Items);
        Assert.True(dataset.Warnings.Skipped == 1, "only the mask without an image is not read; the image without a mask is read");
    }

    [Fact]
    public void Without_classes_txt_the_values_found_name_the_classes()
    {
        using var dir = new TempDirectory();
        MakeMaskDataset(dir, withClasses: false);
        Assert.Equal(["class_1", "class_2"], MaskFolderReader.Read(dir.Path).Categories.Select(c => c.Name));
    }

    [Fact]
    public void Classes_txt_naming_more_values_than_a_label_map_holds_is_refused_at_the_first_line_too_many()
    {
        using var dir = new TempDirectory();
        MakeMaskDataset(dir);
        File.WriteAllLines(dir.File("classes.txt"), Enumerable.Range(0, 257).Select(v => $"class_{v}"));
        var e = Assert.Throws<VisionException>(() => MaskFolderReader.Read(dir.Path));
        Assert.Equal("classes.txt:256:1: 257 lines; label maps hold values 0..254 only", e.Message);
    }

    [Fact]
    public void An_image_and_its_mask_are_written_both_or_neither()
    {
        using var dir = new TempDirectory();
        MakeMaskDataset(dir, withClasses: false);   // class ids are then the pixel values, so masks are copied as they are
        using var output = new TempDirectory();
        // Folders where a file should go make that one write fail: orange's image, fruits' mask.
        Directory.CreateDirectory(output.File("images/orange.jpg"));
        Directory.CreateDirectory(output.File("masks/fruits.png"));
        var dataset = MaskFolderReader.Read(dir.Path);
        new MaskFolderWriter().Write(dataset, output.Path, new LossReport());
        Assert.False(File.Exists(output.File("masks/orange.png")), "orange's mask was written although its image could not be");
        Assert.False(File.Exists(output.File("images/fruits.jpg")), "fruits' image was written although its mask could not be");
        Assert.Equal(2, dataset.Warnings.Items.Count(w => w.Contains("not written")));
    }

    [Fact]
    public void Masks_write_back_identically_and_polygons_are_painted_as_pycocotools_rasterises_them()
    {
        using var dir = new TempDirectory();
        MakeMaskDataset(dir);
        using var output = new TempDirectory();
        new MaskFolderWriter().Write(MaskFolderReader.Read(dir.Path), output.Path, new LossReport());
        foreach (var name in new[] { "orange.png", "fruits.png" })
            Assert.Equal(File.ReadAllBytes(dir.File("masks/" + name)), File.ReadAllBytes(output.File("masks/" + name)));

        using var painted = new TempDirectory();
        var losses = new LossReport();
        new MaskFolderWriter().Write(SampleDataset.Create(), painted.Path, losses);
        Assert.Equal(1, losses.CountOf("instances of one class merged into one region"));
        Assert.Equal(1, losses.CountOf("crowd regions written as ignore (255)"));
        Assert.Equal(2, losses.CountOf("boxes without a mask not written"));
        Assert.Equal("background\nperson\n\nball\n\n\n\nfruit\n", File.ReadAllText(painted.File("classes.txt")));
        var read = MaskFolderReader.Read(painted.Path).Images.Single(i => i.FilePath == "images/basketball1.png");
        var (w, h) = SampleDataset.Size("basketball1.png");
        var expected = Rle.FromPolygon([200, 100, 264, 100, 264, 164, 200, 164], h, w);
        Assert.Equal(expected, ((RleSegmentation)read.Annotations.Single().Segmentation!).Rle);
    }

    [Fact]
    public void A_colour_mask_or_one_of_the_wrong_size_is_an_error_naming_it()
    {
        using var dir = new TempDirectory();
        MakeMaskDataset(dir);
        using (var colour = new Mat(480, 512, MatType.CV_8UC3, Scalar.All(1))) Cv2.ImWrite(dir.File("masks/fruits.png"), colour);
        var dataset = MaskFolderReader.Read(dir.Path);
        Assert.DoesNotContain(dataset.Images.ToList(), i => i.FilePath == "images/fruits.jpg");
        Assert.Contains(dataset.Warnings.Items, w => w.StartsWith("masks/fruits.png: mask must be a single-channel 8-bit label map", StringComparison.Ordinal));
        using (var small = new Mat(10, 10, MatType.CV_8UC1, Scalar.All(1))) Cv2.ImWrite(dir.File("masks/fruits.png"), small);
        dataset = MaskFolderReader.Read(dir.Path);
        Assert.Single(dataset.Images);
        Assert.Contains("masks/fruits.png: mask is 10×10 but its image is 512×480; image images/fruits.jpg not read", dataset.Warnings.Items);
    }
}
