using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Formats.Coco;
using VisionPipeline.Datasets.Tests.Fixtures;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Datasets.Tests.Formats;

public class CocoFormatTests
{
    [Fact]
    public void Write_then_read_keeps_every_field_bit_for_bit()
    {
        using var dir = new TempDirectory();
        var source = SampleDataset.Create();
        var summary = new CocoWriter().Write(source, dir.Path, new LossReport());
        Assert.Equal(new WriteSummary(4, 6), summary);

        var read = CocoReader.Read(dir.File(CocoWriter.AnnotationFileName));
        Assert.Equal(source.Categories.Select(c => (c.Id, c.Name)), read.Categories.Select(c => (c.Id, c.Name)));
        Assert.Equal(["head", "foot"], read.Categories[0].KeypointNames!);
        var expected = source.Images.ToList();
        var actual = read.Images.ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal((expected[i].Id, expected[i].FilePath, expected[i].Width, expected[i].Height),
                (actual[i].Id, actual[i].FilePath, actual[i].Width, actual[i].Height));
            Assert.True(File.Exists(read.ImagePath(actual[i])), $"image {actual[i].FilePath} was not copied");
            for (var j = 0; j < expected[i].Annotations.Count; j++)
                AssertSameAnnotation(expected[i].Annotations[j], actual[i].Annotations[j], expected[i]);
        }
        Assert.Empty(read.Warnings.Items);
    }

    internal static void AssertSameAnnotation(Annotation expected, Annotation actual, DatasetImage image)
    {
        var what = $"annotation {expected.Id}";
        Assert.True(expected.Box == actual.Box, $"{what}: box {actual.Box} != {expected.Box}");
        Assert.Equal((expected.Id, expected.CategoryId, expected.IsCrowd, expected.Area), (actual.Id, actual.CategoryId, actual.IsCrowd, actual.Area));
        Assert.Equal(expected.Keypoints ?? [], actual.Keypoints ?? []);
        switch (expected.Segmentation)
        {
            case null: Assert.Null(actual.Segmentation); break;
            case PolygonSegmentation p:
                var q = Assert.IsType<PolygonSegmentation>(actual.Segmentation);
                Assert.Equal(p.Polygons.Count, q.Polygons.Count);
                for (var k = 0; k < p.Polygons.Count; k++) Assert.Equal(p.Polygons[k], q.Polygons[k]);
                break;
            case RleSegmentation r:
                var s = Assert.IsType<RleSegmentation>(actual.Segmentation);
                Assert.Equal(r.Compressed, s.Compressed);
                Assert.Equal(r.Rle, s.Rle);
                break;
        }
        Assert.Equal(expected.ResolveArea(image.Height, image.Width), actual.ResolveArea(image.Height, image.Width));
    }

    [Fact]
    public void Reads_pycocotools_style_json_with_both_rle_forms()
    {
        using var dir = new TempDirectory();
        // A 3×2 image: compressed counts "11110" are the runs 1,1,1,2,1 (see RleCodecTests); the list form is the same mask.
        File.WriteAllText(dir.File("a.json"), """
            {"info": {"year": 2017}, "images": [{"id": 5, "file_name": "x.png", "width": 2, "height": 3}],
             "categories": [{"id": 90, "name": "toothbrush", "supercategory": "indoor"}],
             "annotations": [
               {"id": 1, "image_id": 5, "category_id": 90, "bbox": [0, 0, 2, 2], "area": 3, "iscrowd": 0,
                "segmentation": {"size": [3, 2], "counts": "11110"}},
               {"id": 2, "image_id": 5, "category_id": 90, "bbox": [0, 0, 2, 2], "area": 3, "iscrowd": 1,
                "segmentation": {"size": [3, 2], "counts": [1, 1, 1, 2, 1]}}]}
            """);
        var dataset = CocoReader.Read(dir.File("a.json"));
        var annotations = dataset.Images.Single().Annotations;
        var compressed = Assert.IsType<RleSegmentation>(annotations[0].Segmentation);
        var list = Assert.IsType<RleSegmentation>(annotations[1].Segmentation);
        Assert.Equal(compressed.Rle, list.Rle);
        Assert.True(compressed.Compressed);
        Assert.False(list.Compressed);
        Assert.True(annotations[1].IsCrowd);
        Assert.Equal(90, dataset.Categories.Single().Id);
    }

    [Fact]
    public void An_rle_mask_of_no_pixels_without_a_bbox_gets_an_empty_box()
    {
        // Found by scripts/fuzz.sh: the box taken from a 0×5 RLE mask divided by its height 0.
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a.json"), """
            {"images": [{"id": 1, "file_name": "a.jpg", "width": 5, "height": 3}], "categories": [{"id": 1, "name": "a"}],
             "annotations": [{"id": 17, "image_id": 1, "category_id": 1, "segmentation": {"size": [0, 5], "counts": "00"}}]}
            """);
        var dataset = CocoReader.Read(dir.File("a.json"));
        Assert.Equal(default, dataset.Images.Single().Annotations.Single().Box);
        Assert.Contains("RLE mask is 0×5 but its image is 3×5", Assert.Single(dataset.Warnings.Items));
    }

    [Theory]
    [InlineData("""{"images": [{"id": 1, "file_name": "a.jpg", "width": 4, "height": 4}], "categories": [{"id": 1, "name": "a"}], "annotations": [{"id": 17, "image_id": 99, "category_id": 1, "bbox": [0, 0, 1, 1]}]}""",
        "1:151: annotation 17 refers to image 99 that does not exist")]
    [InlineData("""{"images": [{"id": 1, "file_name": "a.jpg", "width": 4, "height": 4}], "categories": [{"id": 1, "name": "a"}], "annotations": [{"id": 17, "image_id": 1, "category_id": 2, "bbox": [0, 0, 1, 1]}]}""",
        "1:169: annotation 17 refers to category 2 that does not exist")]
    [InlineData("""{"images": [{"id": 1, "file_name": "a.jpg", "width": 4, "height": 4}], "categories": [{"id": 1, "name": "a"}], "annotations": [{"id": 17, "image_id": 1, "category_id": 1, "bbox": [0, 0, 1]}]}""",
        "1:180: annotation 17: bbox has 3 numbers, expected 4")]
    [InlineData("""{"images": [{"id": 1, "file_name": "a.jpg", "width": 4, "height": 4}], "categories": [{"id": 1, "name": "a"}], "annotations": [{"id": 17, "image_id": 1, "category_id": 1, "bbox": [0, 0, 1e999, 1]}]}""",
        "1:180: annotation 17: bbox [0, 0, Infinity, 1] holds a number too large to be a coordinate")]
    [InlineData("""{"images": [{"id": 1, "file_name": "a.jpg", "width": 4, "height": 4}, {"id": 1, "file_name": "b.jpg", "width": 4, "height": 4}], "categories": [], "annotations": []}""",
        "1:78: image id 1 appears twice")]
    [InlineData("""{"images": [], "categories": [{"id": 1, "name": "a"}, {"id": 1, "name": "b"}], "annotations": []}""",
        "1:62: category id 1 appears twice")]
    [InlineData("""{"images": [{"id": 1, "file_name": "a.jpg", "width": 4, "height": 4}], "categories": [{"id": 1, "name": "a"}], "annotations": [{"id": 17, "image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1]}, {"id": 17, "image_id": 1, "category_id": 1, "bbox": [1, 1, 1, 1]}]}""",
        "1:202: annotation 17 appears twice")]
    [InlineData("""{"images": [{"id": 1, "file_name": "a.jpg", "width": 2, "height": 3}], "categories": [{"id": 1, "name": "a"}], "annotations": [{"id": 17, "image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1], "segmentation": {"size": [3, 2], "counts": "111"}}]}""",
        "1:237: annotation 17: RLE counts: run lengths add up to 3 pixels but the mask is 3×2")]
    [InlineData("""{"images": [{"id": 1, "file_name": "a.jpg", "width": 8, "height": 8}], "categories": [{"id": 1, "name": "a"}], "annotations": [{"id": 17, "image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1], "segmentation": [[0, 0, 2, 2], [0, 0, 4, 0, 0, 4]]}]}""",
        "1:225: annotation 17: segmentation part 1 has 6 numbers; the first part has 4")]
    [InlineData("""{"images": [{"id": 1, "file_name": "a.jpg", "width": 8, "height": 6}], "categories": [{"id": 1, "name": "a"}], "annotations": [{"id": 17, "image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1], "segmentation": [[0, 0, 4, 0, 0, 4000000]]}]}""",
        "1:211: annotation 17: segmentation part 0: polygon coordinate 4000000 is not a finite number within -32..40 pixels")]
    [InlineData("""{"images": [{"id": 4, "file_name": "../secret/a.jpg", "width": 8, "height": 6}], "categories": [], "annotations": []}""",
        "1:36: image 4: file_name '../secret/a.jpg' contains '..'")]
    [InlineData("""{"images": [{"id": 4, "file_name": "/etc/a.jpg", "width": 8, "height": 6}], "categories": [], "annotations": []}""",
        "1:36: image 4: file_name '/etc/a.jpg' is a rooted path")]
    public void Inconsistent_file_is_rejected_naming_the_annotation_and_the_line_and_column_of_the_value(string json, string expected)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.json"), json);
        var error = Assert.Throws<VisionException>(() => CocoReader.Read(dir.File("bad.json")));
        Assert.True(error.Message.StartsWith($"{dir.File("bad.json")}:{expected}", StringComparison.Ordinal),
            $"expected 'bad.json:{expected}…', got: {error.Message}");
    }

    [Theory]
    [InlineData("""{"images": [{"id": 1, "file_name": "a.jpg", "width": 4, "height": 4}], "categories": [{"id": 1, "name": "a"}], "annotations": [{"id": 17, "image_id": 1, "bbox": [0, 0, 1, 1]}]}""",
        "1:128: annotation 17: missing category_id")]
    [InlineData("""{"images": [{"id": 1, "file_name": "a.jpg", "width": 4, "height": 4}], "categories": [{"id": 1, "name": "a"}], "annotations": [{"id": 17, "category_id": 1, "bbox": [0, 0, 1, 1]}]}""",
        "1:128: annotation 17: missing image_id")]
    [InlineData("""{"images": [{"id": 1, "file_name": "a.jpg", "width": 4, "height": 4}], "categories": [{"id": 1, "name": "a"}], "annotations": [{"id": 3, "image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1]}, {"image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1]}]}""",
        "1:194: annotation at position 1: missing id")]
    [InlineData("""{"images": [{"file_name": "a.jpg", "width": 4, "height": 4}], "categories": [{"id": 1, "name": "a"}], "annotations": []}""",
        "1:13: image at position 0: missing id")]
    [InlineData("""{"images": [], "categories": [{"id": 0, "name": "a"}, {"name": "b"}], "annotations": []}""",
        "1:55: category at position 1: missing id")]
    public void Missing_id_is_an_error_not_zero(string json, string expected)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("ids.json"), json);
        var error = Assert.Throws<VisionException>(() => CocoReader.Read(dir.File("ids.json")));
        Assert.True(error.Message == $"{dir.File("ids.json")}:{expected}",
            $"expected 'ids.json:{expected}' (the object without the id), got: {error.Message}");
    }

    [Fact]
    public void File_name_climbing_out_of_the_output_folder_is_refused()
    {
        using var dir = new TempDirectory();
        var (w, h) = SampleDataset.Size("orange.jpg");
        var dataset = new Dataset(RepoPaths.SampleImages, [new Category(1, "a")], [new DatasetImage(1, "../../orange.jpg", w, h, [])]);
        var summary = new CocoWriter().Write(dataset, dir.File("out"), new LossReport());
        Assert.True(summary.Images == 0, "the image climbing out of the output folder must not be written");
        Assert.Contains("image path leads outside the output folder", Assert.Single(dataset.Warnings.Items));
        Assert.False(File.Exists(dir.File("orange.jpg")), "nothing is written outside the output folder");
        Assert.Empty(CocoReader.Read(dir.File("out/annotations.json")).Images);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_reported_at_its_line_and_column()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.json"), "{\"images\": [\n{\"id\": 1,\n\"width\": \"wide\"}]}");
        var error = Assert.Throws<VisionException>(() => CocoReader.Read(dir.File("bad.json")));
        Assert.Equal($"{dir.File("bad.json")}:3:10: $.images[0].width: The JSON value could not be converted to System.Int32.", error.Message);
    }

    [Fact]
    public void Broken_json_is_reported_at_its_line_and_column_in_characters()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.json"), "{\"images\": [\n{\"id\": 1, \"file_name\": \"größe.jpg\" \"width\": 4}]}");
        var error = Assert.Throws<VisionException>(() => CocoReader.Read(dir.File("bad.json")));
        // ö and ß are two bytes each: the column counts the 35 characters before the second property, not its 37 bytes.
        Assert.StartsWith($"{dir.File("bad.json")}:2:36: ", error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }
}
