using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Statistics;
using VisionPipeline.Datasets.Tests.Fixtures;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Datasets.Tests.Formats;

public class DetectionAndStatisticsTests
{
    [Theory]
    [InlineData(DatasetFormat.Coco)]
    [InlineData(DatasetFormat.Yolo)]
    [InlineData(DatasetFormat.Voc)]
    [InlineData(DatasetFormat.Masks)]
    public void Each_written_layout_is_recognised(DatasetFormat format)
    {
        using var dir = new TempDirectory();
        DatasetFormats.Writer(format).Write(SampleDataset.Create(), dir.Path, new LossReport());
        Assert.Equal(format, DatasetFormats.Detect(dir.Path));
    }

    [Fact]
    public void Image_folder_and_single_files_are_recognised_and_an_unknown_folder_says_what_was_looked_for()
    {
        using var dir = new TempDirectory();
        SampleDataset.CopyPhoto("orange.jpg", dir.File("fruit/orange.jpg"));
        Assert.Equal(DatasetFormat.ImageFolder, DatasetFormats.Detect(dir.Path));
        File.WriteAllText(dir.File("x.json"), "{}");
        Assert.Equal(DatasetFormat.Coco, DatasetFormats.Detect(dir.File("x.json")));
        using var empty = new TempDirectory();
        var error = Assert.Throws<ConfigurationException>(() => DatasetFormats.Detect(empty.Path));
        Assert.Contains("give --format", error.Message);
    }

    [Fact]
    public void Statistics_count_classes_sizes_and_unlabelled_images()
    {
        var stats = DatasetStatistics.Compute(SampleDataset.Create());
        Assert.Equal(4, stats.Images);
        Assert.Equal(1, stats.ImagesWithoutLabels);
        Assert.Equal(6, stats.Objects);
        Assert.Equal(1, stats.CrowdObjects);
        Assert.Equal([("person", 1, 1), ("ball", 2, 2), ("fruit", 3, 1)], stats.Classes.Select(c => (c.Name, c.Objects, c.Images)));
        // Areas given: 15000.5, 1689.57, 30000, 3600.25, 30720, 4096 → 1689.57 and 3600.25 and 4096 are medium (< 96² = 9216).
        Assert.Equal(new ObjectSizeCounts(0, 3, 3), stats.ObjectSizes);
        Assert.Equal(4, stats.ImageSizes.Count);
    }
}
