using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Formats.ImageFolder;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Datasets.Tests.Formats;

/// <summary>Dataset folders are walked as input folders are: a link back up is followed once, not until the path is too long.</summary>
public class LinkLoopTests
{
    [Fact]
    public void A_class_folder_holding_a_link_to_its_parent_lists_each_image_once()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.File("cat/inner"));
        File.Copy(RepoPaths.Sample("messi5.jpg"), root.File("cat/a.jpg"));
        File.Copy(RepoPaths.Sample("fruits.jpg"), root.File("cat/inner/b.jpg"));
        File.CreateSymbolicLink(root.File("cat/inner/loop"), "../..");

        var dataset = ImageFolderReader.Read(root.Path);
        Assert.Equal(["cat/a.jpg", "cat/inner/b.jpg"], dataset.Images.Select(i => i.FilePath).ToArray());
        Assert.Equal(["cat/inner/loop/cat: the folder cat again (a link loop or a second link to it); read once"], dataset.Warnings.Items);
        Assert.True(dataset.Warnings.Skipped == 0, "a folder read once is no input left unread");
    }

    [Fact]
    public void A_yolo_dataset_with_a_looping_link_reads_each_image_once()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.File("images/train"));
        Directory.CreateDirectory(root.File("labels/train"));
        File.Copy(RepoPaths.Sample("messi5.jpg"), root.File("images/train/a.jpg"));
        File.WriteAllText(root.File("labels/train/a.txt"), "0 0.5 0.5 0.1 0.1\n");
        File.CreateSymbolicLink(root.File("images/train/again"), "..");
        File.CreateSymbolicLink(root.File("labels/train/again"), "..");
        File.WriteAllText(root.File("data.yaml"), "path: .\ntrain: images/train\nnames: [face]\n");

        var dataset = DatasetFormats.Read(DatasetFormat.Yolo, root.File("data.yaml"));
        Assert.Equal(["images/train/a.jpg"], dataset.Images.Select(i => i.FilePath).ToArray());
        Assert.Contains("images/train/again/train: the folder images/train again (a link loop or a second link to it); read once", dataset.Warnings.Items);
    }
}
