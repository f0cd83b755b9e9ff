using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Formats.Yolo;
using VisionPipeline.Datasets.Tests.Fixtures;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Datasets.Tests.Formats;

public class YoloFormatTests
{
    // Normalized coordinates are written with 8 decimals: each moves by at most 5e-9 × the image side,
    // and a box's x = (cx − w/2)·W collects two of those.
    private static double Tolerance(int side) => 1e-8 * side + 1e-9;

    [Fact]
    public void Boxes_survive_a_write_and_read_within_the_normalized_rounding()
    {
        using var dir = new TempDirectory();
        var source = SampleDataset.Create(boxesOnly: true);
        var losses = new LossReport();
        var summary = new YoloWriter().Write(source, dir.Path, losses);
        Assert.Equal(new WriteSummary(4, 5), summary);
        // Ids 1, 3, 7 become class indices 0, 1, 2 — reported, since evaluation against the original ids would notice.
        Assert.Equal(["category ids renumbered to class indices (YOLO has no ids): 3, e.g. 1 → 0 (person)"], losses.Lines());

        var read = YoloReader.Read(dir.Path);
        Assert.Equal(["person", "ball", "fruit"], read.Categories.Select(c => c.Name));
        Assert.Equal([0L, 1, 2], read.Categories.Select(c => c.Id));
        var expected = source.Images.ToList();
        var actual = read.Images.OrderBy(i => Path.GetFileName(i.FilePath)).ToList();
        foreach (var image in expected)
        {
            var match = actual.Single(i => Path.GetFileName(i.FilePath) == image.FilePath);
            Assert.Equal("train", match.Split);
            Assert.Equal((image.Width, image.Height), (match.Width, match.Height));
            Assert.Equal(image.Annotations.Count, match.Annotations.Count);
            for (var k = 0; k < image.Annotations.Count; k++)
            {
                var (e, a) = (image.Annotations[k].Box, match.Annotations[k].Box);
                Assert.True(Math.Abs(e.X - a.X) <= Tolerance(image.Width) && Math.Abs(e.Y - a.Y) <= Tolerance(image.Height)
                    && Math.Abs(e.Width - a.Width) <= Tolerance(image.Width) && Math.Abs(e.Height - a.Height) <= Tolerance(image.Height),
                    $"{image.FilePath} object {k}: {a} is not {e}");
                Assert.Equal(source.FindCategory(image.Annotations[k].CategoryId)!.Name, read.FindCategory(match.Annotations[k].CategoryId)!.Name);
            }
        }
        Assert.Empty(File.ReadAllText(dir.File("labels/train/orange.txt")));
    }

    [Fact]
    public void Polygons_become_segment_rows_and_what_yolo_cannot_hold_is_reported()
    {
        using var dir = new TempDirectory();
        var losses = new LossReport();
        new YoloWriter().Write(SampleDataset.Create(), dir.Path, losses);
        Assert.Equal(1, losses.CountOf("crowd regions not written (YOLO has no crowd flag)"));
        Assert.Equal(1, losses.CountOf("keypoints not written (pose labels are not supported)"));
        Assert.Equal(1, losses.CountOf("RLE masks written as their boxes"));
        Assert.Equal(1, losses.CountOf("multi-part polygons written as one YOLO row per part"));

        var fruits = File.ReadAllLines(dir.File("labels/train/fruits.txt"));
        Assert.Equal(3, fruits.Length); // the square, then the two parts of the multi-part polygon; the crowd RLE is left out
        Assert.Equal("2 0.01953125 0.04166667 0.41015625 0.04166667 0.41015625 0.35416667 0.01953125 0.35416667", fruits[0]);
        var read = YoloReader.Read(dir.File("data.yaml"));
        var square = read.Images.Single(i => i.FilePath.EndsWith("fruits.jpg")).Annotations[0];
        var polygon = Assert.IsType<PolygonSegmentation>(square.Segmentation).Polygons.Single();
        Assert.Equal(8, polygon.Length);
        Assert.True(Math.Abs(square.Box.X - 10) < 1e-5 && Math.Abs(square.Box.Bottom - 170) < 1e-5, $"box from the polygon's extent: {square.Box}");
    }

    private static string MakeDataset(TempDirectory dir, string labels, string names = "names: [cat, dog, bird]")
    {
        SampleDataset.CopyPhoto("orange.jpg", dir.File("images/train/img3.jpg"));
        Directory.CreateDirectory(dir.File("labels/train"));
        File.WriteAllText(dir.File("labels/train/img3.txt"), labels);
        File.WriteAllText(dir.File("data.yaml"), $"path: .\ntrain: images/train\n{names}\n");
        return dir.Path;
    }

    [Theory]
    [InlineData("0 0.5 0.5 0.1 0.1\n\n0 0.5 0.5 0.1 0.1\n12 0.5 0.5 0.2 0.2\n", "labels/train/img3.txt:4:1: class 12 is out of range (data.yaml names 0..2)")]
    [InlineData("1 0.5 0.5 1.7 0.1\n", "labels/train/img3.txt:1:11: coords not normalized: value 3 is 1.7, outside 0..1")]
    [InlineData("1 0.5 0.5 0.1\n", "labels/train/img3.txt:1:1: expected 'class cx cy w h' or 'class x1 y1 x2 y2 x3 y3 …'")]
    [InlineData("0 0.5 0.5 0.1 0.1 0.9\n", "labels/train/img3.txt:1:19: expected 'class cx cy w h' or 'class x1 y1 x2 y2 x3 y3 …' (a class and at least 3 points), got 6 values")]
    [InlineData("cat 0.5 0.5 0.1 0.1\n", "labels/train/img3.txt:1:1: class 'cat' is not a non-negative integer")]
    [InlineData("1 0.5 abc 0.1 0.1\n", "labels/train/img3.txt:1:7: value 2 'abc' is not a number")]
    [InlineData("0 0.5 0.5 0.1 0.1\n  1\t0.5 0.5 0.1 7\n", "labels/train/img3.txt:2:17: coords not normalized: value 4 is 7, outside 0..1")]
    public void Malformed_label_row_names_file_line_column_and_problem(string labels, string expected)
    {
        using var dir = new TempDirectory();
        var dataset = YoloReader.Read(MakeDataset(dir, labels));
        Assert.True(dataset.Images.ToList().Count == 0, "the image with a malformed label file must not be read");
        var warning = Assert.Single(dataset.Warnings.Items);
        Assert.StartsWith(expected, warning);
        Assert.EndsWith("; image images/train/img3.jpg not read", warning);
        Assert.True(dataset.Warnings.Skipped == 1, "a malformed label file costs its image: counted as skipped (exit code 1)");
    }

    [Fact]
    public void Names_may_be_an_index_map_and_rows_convert_to_pixel_boxes()
    {
        using var dir = new TempDirectory();
        var root = MakeDataset(dir, "1 0.5 0.25 0.5 0.25\n", "names:\n  0: cat\n  1: dog\n");
        var dataset = YoloReader.Read(root);
        Assert.Equal(["cat", "dog"], dataset.Categories.Select(c => c.Name));
        var image = dataset.Images.Single();
        Assert.Equal((512, 512), (image.Width, image.Height));
        // cx 0.5, cy 0.25, w 0.5, h 0.25 of 512 px: x = (0.5 − 0.25)·512 = 128, y = (0.25 − 0.125)·512 = 64.
        Assert.Equal(new BoxXywh(128, 64, 256, 128), image.Annotations.Single().Box);
        Assert.Equal(1, image.Annotations.Single().CategoryId);
    }

    [Fact]
    public void Train_and_val_splits_survive_a_trip_through_coco()
    {
        using var dir = new TempDirectory();
        MakeDataset(dir, "0 0.5 0.5 0.1 0.1\n");
        SampleDataset.CopyPhoto("fruits.jpg", dir.File("images/val/bowl.jpg"));
        File.WriteAllText(dir.File("data.yaml"), "train: images/train\nval: images/val\nnames: [cat]\n");
        using var coco = new TempDirectory();
        new Datasets.Formats.Coco.CocoWriter().Write(YoloReader.Read(dir.Path), coco.Path, new LossReport());
        using var back = new TempDirectory();
        new YoloWriter().Write(Datasets.Formats.Coco.CocoReader.Read(coco.File("annotations.json")), back.Path, new LossReport());
        Assert.True(File.Exists(back.File("images/val/bowl.jpg")), "the val image stays in val");
        Assert.True(File.Exists(back.File("labels/train/img3.txt")));
        Assert.Contains("val: images/val", File.ReadAllText(back.File("data.yaml")));
    }

    [Fact]
    public void Label_file_without_an_image_is_reported_not_dropped()
    {
        using var dir = new TempDirectory();
        var root = MakeDataset(dir, "0 0.5 0.5 0.1 0.1\n");
        File.WriteAllText(dir.File("labels/train/ghost.txt"), "1 0.5 0.5 0.1 0.1\n");
        var dataset = YoloReader.Read(root);
        Assert.Single(dataset.Images.ToList());
        Assert.Equal(["labels/train/ghost.txt: label file has no image; not read"], dataset.Warnings.Items);
        Assert.True(dataset.Warnings.Skipped == 1, "an orphan label file that is not read must count as skipped (exit code 1)");
    }

    [Fact]
    public void Bad_data_yaml_is_reported_at_the_offending_key_or_value()
    {
        using var dir = new TempDirectory();
        MakeDataset(dir, "");
        File.WriteAllText(dir.File("data.yaml"), "train: images/train\nnames:\n  0: cat\n  2: dog\n");
        Assert.EndsWith("data.yaml:3:3: names: indices must run 0..1 without gaps", Assert.Throws<VisionException>(() => YoloReader.Read(dir.Path)).Message);
        File.WriteAllText(dir.File("data.yaml"), "train: images/nowhere\nnames: [a]\n");
        Assert.Contains("data.yaml:1:8: train: image folder 'images/nowhere' does not exist", Assert.Throws<VisionException>(() => YoloReader.Read(dir.Path)).Message);
        File.WriteAllText(dir.File("data.yaml"), "train: images/train\nnames: [a]\nnc: 2\n");
        Assert.EndsWith("data.yaml:3:5: nc is 2 but names lists 1 classes", Assert.Throws<VisionException>(() => YoloReader.Read(dir.Path)).Message);
        File.WriteAllText(dir.File("data.yaml"), "train: images/train\nnames: [a]\nkpt_shape: [17, 3]\n");
        Assert.EndsWith("data.yaml:3:1: pose datasets (kpt_shape) are not supported; only box and segment labels are", Assert.Throws<VisionException>(() => YoloReader.Read(dir.Path)).Message);
        File.WriteAllText(dir.File("data.yaml"), "train: images/train\nnames: [\n  - a\n");
        Assert.EndsWith("data.yaml:3:3: not valid YAML: While parsing a node, did not find expected node content.",
            Assert.Throws<VisionException>(() => YoloReader.Read(dir.Path)).Message);
        File.WriteAllText(dir.File("data.yaml"), "train: [images/train\nnames: [a]\n");
        // YamlDotNet gives no position here; the last place its parser understood is named.
        Assert.EndsWith("data.yaml:1:8: not valid YAML: the text stops making sense after this point: look for an unterminated [ ] or { } or a stray ':'",
            Assert.Throws<VisionException>(() => YoloReader.Read(dir.Path)).Message);
        // Found by scripts/fuzz.sh: YamlDotNet threw ArgumentException ("unsupported event") for a stray ':'.
        File.WriteAllText(dir.File("data.yaml"), "train: images/train\nnames:\n :");
        Assert.EndsWith("data.yaml:4:1: not valid YAML: While parsing a block mapping, did not find expected key.",
            Assert.Throws<VisionException>(() => YoloReader.Read(dir.Path)).Message);
    }
}
