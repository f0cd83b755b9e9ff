using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Formats.ImageFolder;
using VisionPipeline.Datasets.Tests.Fixtures;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Datasets.Tests.Formats;

/// <summary>Class folders filled with sample-images/ photos (the classes are made up for the test).</summary>
public class ImageFolderFormatTests
{
    [Fact]
    public void Class_folders_become_classes_in_ordinal_order_and_write_back_the_same_layout()
    {
        using var source = new TempDirectory();
        SampleDataset.CopyPhoto("orange.jpg", source.File("fruit/orange.jpg"));
        SampleDataset.CopyPhoto("fruits.jpg", source.File("fruit/bowl.jpg"));
        SampleDataset.CopyPhoto("baboon.jpg", source.File("animal/baboon.jpg"));
        SampleDataset.CopyPhoto("sudoku.png", source.File("stray.png"));

        var dataset = ImageFolderReader.Read(source.Path);
        Assert.Equal(["animal", "fruit"], dataset.Categories.Select(c => c.Name));
        var images = dataset.Images.ToList();
        Assert.Equal(["animal/baboon.jpg", "fruit/bowl.jpg", "fruit/orange.jpg"], images.Select(i => i.FilePath));
        Assert.Equal([0L, 1, 1], images.Select(i => i.ClassId!.Value));
        Assert.Equal((512, 480), (images[1].Width, images[1].Height));
        Assert.Equal(["stray.png: image is not inside a class folder; not read"], dataset.Warnings.Items);
        Assert.True(dataset.Warnings.Skipped == 1, "a stray image that is not read must count as skipped (exit code 1)");

        using var output = new TempDirectory();
        var losses = new LossReport();
        Assert.Equal(new WriteSummary(3, 0), new ImageFolderWriter().Write(dataset, output.Path, losses));
        Assert.True(losses.IsEmpty);
        Assert.True(File.Exists(output.File("fruit/bowl.jpg")) && File.Exists(output.File("animal/baboon.jpg")));
    }

    [Fact]
    public void Images_of_one_class_with_the_same_name_do_not_overwrite_each_other()
    {
        using var source = new TempDirectory();
        SampleDataset.CopyPhoto("orange.jpg", source.File("a/orange.jpg"));
        SampleDataset.CopyPhoto("fruits.jpg", source.File("b/orange.jpg"));
        var twoFolders = new Dataset(source.Path, [new Category(0, "fruit")],
        [
            new DatasetImage(1, "a/orange.jpg", 512, 512, []) { ClassId = 0 },
            new DatasetImage(2, "b/orange.jpg", 512, 480, []) { ClassId = 0 },
        ]);
        using var output = new TempDirectory();
        new ImageFolderWriter().Write(twoFolders, output.Path, new LossReport());
        Assert.Equal(["b_orange.jpg", "orange.jpg"], Directory.GetFiles(output.File("fruit")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Detection_images_have_no_class_folder_and_are_reported()
    {
        using var output = new TempDirectory();
        var losses = new LossReport();
        Assert.Equal(new WriteSummary(0, 0), new ImageFolderWriter().Write(SampleDataset.Create(), output.Path, losses));
        Assert.Equal(4, losses.CountOf("images without an image-level class not written"));
        Assert.Equal(6, losses.CountOf("object annotations not written (ImageFolder holds one class per image)"));
    }
}
