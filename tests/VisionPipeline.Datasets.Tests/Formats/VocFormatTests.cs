using System.Xml.Linq;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Formats.Voc;
using VisionPipeline.Datasets.Tests.Fixtures;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Datasets.Tests.Formats;

public class VocFormatTests
{
    [Fact]
    public void Coco_box_maps_to_one_based_inclusive_pixel_corners()
    {
        // COCO [0, 0, 1, 1] is pixel 0 alone: VOC xmin = xmax = 1. [10, 20, 200, 150] → 11, 21, 210, 170.
        using var dir = new TempDirectory();
        var (w, h) = SampleDataset.Size("fruits.jpg");
        var dataset = new Dataset(RepoPaths.SampleImages, [new Category(5, "fruit")],
        [
            new DatasetImage(1, "fruits.jpg", w, h,
            [
                new Annotation(1, 5, new BoxXywh(0, 0, 1, 1)),
                new Annotation(2, 5, new BoxXywh(10, 20, 200, 150)) { Difficult = true, Truncated = true },
            ]),
        ]);
        new VocWriter().Write(dataset, dir.Path, new LossReport());
        var boxes = XDocument.Load(dir.File("Annotations/fruits.xml")).Descendants("bndbox")
            .Select(b => string.Join(',', b.Elements().Select(e => e.Value))).ToList();
        Assert.Equal(["1,1,1,1", "11,21,210,170"], boxes);
        Assert.True(File.Exists(dir.File("JPEGImages/fruits.jpg")));

        var read = VocReader.Read(dir.Path);
        var annotations = read.Images.Single().Annotations;
        Assert.Equal(new BoxXywh(0, 0, 1, 1), annotations[0].Box);
        Assert.Equal(new BoxXywh(10, 20, 200, 150), annotations[1].Box);
        Assert.True(annotations[1].Difficult && annotations[1].Truncated, "difficult and truncated flags survive");
        Assert.Equal("fruit", read.FindCategory(annotations[0].CategoryId)!.Name);
    }

    [Fact]
    public void Splits_are_written_to_and_read_from_image_set_lists()
    {
        using var dir = new TempDirectory();
        var (w, h) = SampleDataset.Size("fruits.jpg");
        var (w2, h2) = SampleDataset.Size("orange.jpg");
        var dataset = new Dataset(RepoPaths.SampleImages, [new Category(1, "fruit")],
        [
            new DatasetImage(1, "fruits.jpg", w, h, [new Annotation(1, 1, new BoxXywh(1, 2, 3, 4))]) { Split = "train" },
            new DatasetImage(2, "orange.jpg", w2, h2, []) { Split = "val" },
        ]);
        new VocWriter().Write(dataset, dir.Path, new LossReport());
        Assert.Equal("orange\n", File.ReadAllText(dir.File("ImageSets/Main/val.txt")));
        var read = VocReader.Read(dir.Path).Images.ToDictionary(i => i.FilePath, i => i.Split);
        Assert.Equal("train", read["JPEGImages/fruits.jpg"]);
        Assert.Equal("val", read["JPEGImages/orange.jpg"]);

        File.Delete(dir.File("Annotations/orange.xml"));
        var warnings = VocReader.Read(dir.Path).Warnings;
        Assert.Equal(["JPEGImages/orange.jpg: image has no annotation file; not read"], warnings.Items);
        Assert.True(warnings.Skipped == 1, "an image that is not read must count as skipped (exit code 1)");
    }

    [Fact]
    public void Masks_keypoints_and_crowd_are_reported_as_losses()
    {
        using var dir = new TempDirectory();
        var losses = new LossReport();
        var summary = new VocWriter().Write(SampleDataset.Create(), dir.Path, losses);
        Assert.Equal(new WriteSummary(4, 6), summary);
        Assert.Equal(4, losses.CountOf("segmentations written as boxes only"));
        Assert.Equal(1, losses.CountOf("keypoints not written"));
        Assert.Equal(1, losses.CountOf("crowd regions written as difficult boxes (VOC has no crowd flag)"));
        Assert.Equal(4, Directory.GetFiles(dir.File("Annotations"), "*.xml").Length);
    }

    [Fact]
    public void Malformed_xml_names_the_file_and_the_line_and_column_of_the_value()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("Annotations"));
        File.WriteAllText(dir.File("Annotations/a.xml"), """
            <annotation>
              <filename>a.jpg</filename>
              <size><width>10</width><height>10</height></size>
              <object><name>cat</name><bndbox><xmin>1</xmin><ymin>one</ymin><xmax>5</xmax><ymax>5</ymax></bndbox></object>
            </annotation>
            """);
        var dataset = VocReader.Read(dir.Path);
        Assert.Empty(dataset.Images);
        Assert.Equal(["Annotations/a.xml:4:55: <bndbox>/<ymin> 'one' is not a number; annotation file Annotations/a.xml not read"], dataset.Warnings.Items);
        Assert.True(dataset.Warnings.Skipped == 1, "a malformed annotation file must count as not read (exit code 1)");
        File.WriteAllText(dir.File("Annotations/a.xml"), "<annotation><filename>a.jpg</filename>\n<object><name>cat</name></annotation>");
        var syntax = Assert.Single(VocReader.Read(dir.Path).Warnings.Items);
        Assert.True(syntax.StartsWith("Annotations/a.xml:2:27: ", StringComparison.Ordinal), $"expected the mismatched end tag's line and column, got '{syntax}'");
        Assert.False(syntax.Contains("position 27"), $"the position is said once, at the start: '{syntax}'");
    }

    [Theory]
    [InlineData("<filename>../../etc/a.jpg</filename><size><width>10</width><height>10</height></size>",
        "Annotations/a.xml:1:23: <filename> '../../etc/a.jpg' contains '..'")]
    [InlineData("<filename>/etc/a.jpg</filename><size><width>10</width><height>10</height></size>",
        "Annotations/a.xml:1:23: <filename> '/etc/a.jpg' is a rooted path")]
    [InlineData("<filename>a.jpg</filename><size><width>10.5</width><height>10</height></size>",
        "Annotations/a.xml:1:52: <size>/<width> '10.5' is not an integer")]
    public void Unsafe_filename_or_fractional_size_is_an_error_naming_file_and_element(string body, string expected)
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("Annotations"));
        File.WriteAllText(dir.File("Annotations/a.xml"), $"<annotation>{body}</annotation>");
        Directory.CreateDirectory(dir.File("JPEGImages"));
        File.Copy(RepoPaths.Sample("orange.jpg"), dir.File("JPEGImages/a.jpg"));
        var dataset = VocReader.Read(dir.Path);
        Assert.Empty(dataset.Images);
        var warning = Assert.Single(dataset.Warnings.Items);
        Assert.True(warning.StartsWith(expected, StringComparison.Ordinal), $"expected '{expected}…', got '{warning}'");
        Assert.Equal(1, dataset.Warnings.Skipped);
    }
}
