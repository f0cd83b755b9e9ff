using System.Text.Json;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

/// <summary>
/// `vision dataset convert|stats` end to end. Datasets are built from sample-images/ photos with generated
/// labels (the photos carry no real annotations).
/// </summary>
public class DatasetCommandTests
{
    private static readonly (string File, int Width, int Height)[] Photos =
        [("messi5.jpg", 548, 342), ("fruits.jpg", 512, 480), ("basketball1.png", 640, 480)];

    /// <summary>A COCO file with non-contiguous category ids, fractional boxes and one crowd region.</summary>
    private static string WriteCoco(TempDirectory dir)
    {
        foreach (var (file, _, _) in Photos) File.Copy(RepoPaths.Sample(file), dir.File(file));
        var images = Photos.Select((p, i) => new { id = i + 1, file_name = p.File, width = p.Width, height = p.Height });
        var annotations = new object[]
        {
            new { id = 11, image_id = 1, category_id = 18, bbox = new[] { 12.25, 30.5, 100.125, 200.75 }, area = 20100.1, iscrowd = 0 },
            new { id = 12, image_id = 1, category_id = 37, bbox = new[] { 300.1, 250.7, 40.3, 41.9 }, area = 1688.57, iscrowd = 0 },
            new { id = 21, image_id = 2, category_id = 52, bbox = new[] { 0.333, 0.666, 511.667, 479.334 }, area = 245000.0, iscrowd = 0 },
            new { id = 22, image_id = 2, category_id = 52, bbox = new[] { 100.0, 100, 50, 50 }, area = 2500.0, iscrowd = 1 },
            new { id = 31, image_id = 3, category_id = 37, bbox = new[] { 200.5, 100.25, 64.0, 63.5 }, area = 4064.0, iscrowd = 0 },
        };
        var categories = new[] { new { id = 18, name = "dog" }, new { id = 37, name = "sports ball" }, new { id = 52, name = "banana" } };
        var path = dir.File("instances.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { images, annotations, categories }));
        return path;
    }

    private static List<(string File, string Category, double[] Box, int Width, int Height)> Boxes(string cocoPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(cocoPath));
        var root = doc.RootElement;
        var images = root.GetProperty("images").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetInt64(),
            i => (Path.GetFileName(i.GetProperty("file_name").GetString()!), i.GetProperty("width").GetInt32(), i.GetProperty("height").GetInt32()));
        var names = root.GetProperty("categories").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetInt64(), c => c.GetProperty("name").GetString()!);
        return root.GetProperty("annotations").EnumerateArray().Select(a =>
        {
            var (file, w, h) = images[a.GetProperty("image_id").GetInt64()];
            return (file, names[a.GetProperty("category_id").GetInt64()], a.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray(), w, h);
        }).OrderBy(b => b.Item1).ThenBy(b => b.Item3[0]).ToList();
    }

    [Fact]
    public void Coco_to_yolo_to_coco_keeps_every_box_and_reports_the_crowd_region()
    {
        using var dir = new TempDirectory();
        var coco = WriteCoco(dir);
        using var outputs = new TempDirectory();
        var toYolo = VisionProcess.Run("dataset", "convert", "--input", coco, "--output", outputs.File("yolo"), "--to", "yolo");
        Assert.True(toYolo.ExitCode == 0, toYolo.ToString());
        Assert.Contains("read coco: 3 images, 5 annotations, 3 categories", toYolo.Stdout);
        Assert.Contains("wrote yolo to", toYolo.Stdout);
        Assert.Contains("crowd regions not written (YOLO has no crowd flag): 1, e.g. annotation 22 in fruits.jpg", toYolo.Stdout);

        var back = VisionProcess.Run("dataset", "convert", "--input", outputs.File("yolo"), "--output", outputs.File("coco"), "--to", "coco");
        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.Contains("read yolo: 3 images, 4 annotations", back.Stdout);

        // Normalized coordinates carry 8 decimals: a pixel coordinate moves by at most ~1e-8 × the image side.
        var expected = Boxes(coco).Where(b => !(b.File == "fruits.jpg" && b.Box[0] == 100)).ToList();
        var actual = Boxes(outputs.File("coco/annotations.json"));
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal((expected[i].File, expected[i].Category), (actual[i].File, actual[i].Category));
            for (var k = 0; k < 4; k++)
            {
                var side = k % 2 == 0 ? expected[i].Width : expected[i].Height;
                Assert.True(Math.Abs(expected[i].Box[k] - actual[i].Box[k]) <= 1e-8 * side,
                    $"{expected[i].File} {expected[i].Category}: [{string.Join(", ", actual[i].Box)}] is not [{string.Join(", ", expected[i].Box)}]");
            }
        }
        Assert.True(File.Exists(outputs.File("coco/images/train/basketball1.png")), "images are copied into the COCO output");
    }

    [Fact]
    public void Stats_print_counts_per_class_and_write_json()
    {
        using var dir = new TempDirectory();
        var coco = WriteCoco(dir);
        var result = VisionProcess.Run("dataset", "stats", "--input", coco, "--json", dir.File("stats.json"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("format: coco", result.Stdout);
        Assert.Contains("images: 3 (0 without labels)", result.Stdout);
        Assert.Contains("objects: 5 (1 crowd)", result.Stdout);
        Assert.Contains("object sizes (COCO area): small (< 32²) 0, medium (< 96²) 3, large 2", result.Stdout);
        Assert.Matches(@"37\s+sports ball\s+2\s+2", result.Stdout);

        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("stats.json")));
        Assert.Equal(3, json.RootElement.GetProperty("images").GetInt32());
        var banana = json.RootElement.GetProperty("classes").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "banana");
        Assert.Equal(2, banana.GetProperty("objects").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("object_sizes").GetProperty("medium").GetInt32());
    }

    [Fact]
    public void Malformed_label_file_gives_exit_1_and_a_one_line_error()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("images/train"));
        Directory.CreateDirectory(dir.File("labels/train"));
        File.Copy(RepoPaths.Sample("orange.jpg"), dir.File("images/train/img3.jpg"));
        File.WriteAllText(dir.File("labels/train/img3.txt"), "0 0.5 0.5 0.1 0.1\n1 0.5 0.5 0.1 0.1\n0 0.2 0.2 0.1 0.1\n12 0.5 0.5 0.2 0.2\n");
        File.WriteAllText(dir.File("data.yaml"), "train: images/train\nnames: [cat, dog]\n");
        var result = VisionProcess.Run("dataset", "stats", "--input", dir.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("warning: labels/train/img3.txt:4:1: class 12 is out of range (data.yaml names 0..1); image images/train/img3.jpg not read\n", result.Stderr);

        var inPlace = VisionProcess.Run("dataset", "convert", "--input", dir.Path, "--output", dir.Path + "/", "--to", "yolo");
        Assert.Equal(2, inPlace.ExitCode);
        Assert.Contains("the output folder is, contains or lies inside the input dataset's folder", inPlace.Stderr);
        var inside = VisionProcess.Run("dataset", "convert", "--input", dir.Path, "--output", dir.File("labels/out"), "--to", "coco");
        Assert.True(inside.ExitCode == 2, $"an output inside the input folder must be refused with exit 2: {inside}");
        Assert.False(Directory.Exists(dir.File("labels/out")), "a refused conversion writes nothing");

        var unknown = VisionProcess.Run("dataset", "convert", "--input", dir.Path, "--output", dir.File("out"), "--to", "csv");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown dataset format 'csv' (expected coco|yolo|voc|imagefolder|masks)", unknown.Stderr);
    }

    [Fact]
    public void Coco_with_images_elsewhere_converts_to_voc_and_says_what_voc_cannot_hold()
    {
        using var dir = new TempDirectory();
        var coco = WriteCoco(dir);
        Directory.CreateDirectory(dir.File("annotations"));
        File.Move(coco, dir.File("annotations/instances.json"));
        using var outputs = new TempDirectory();
        var result = VisionProcess.Run("dataset", "convert", "--input", dir.File("annotations/instances.json"), "--images", dir.Path,
            "--output", outputs.File("voc"), "--to", "voc");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("wrote voc to", result.Stdout);
        Assert.Contains("crowd regions written as difficult boxes (VOC has no crowd flag): 1, e.g. annotation 22 in fruits.jpg", result.Stdout);
        Assert.Equal(3, Directory.GetFiles(outputs.File("voc/Annotations"), "*.xml").Length);
        var inImages = VisionProcess.Run("dataset", "convert", "--input", dir.File("annotations/instances.json"), "--images", dir.Path,
            "--output", dir.File("voc"), "--to", "voc");
        Assert.True(inImages.ExitCode == 2, $"an output inside the image root must be refused with exit 2: {inImages}");
        var around = VisionProcess.Run("dataset", "convert", "--input", dir.File("annotations/instances.json"), "--output", dir.Path, "--to", "voc");
        Assert.True(around.ExitCode == 2, $"an output containing the input's folder must be refused with exit 2: {around}");
        Assert.False(Directory.Exists(dir.File("voc")) || Directory.Exists(dir.File("Annotations")), "a refused conversion writes nothing");

        var stats = VisionProcess.Run("dataset", "stats", "--input", outputs.File("voc"));
        Assert.True(stats.ExitCode == 0, stats.ToString());
        Assert.Contains("format: voc", stats.Stdout);
        Assert.Contains("objects: 5 (0 crowd)", stats.Stdout);

        var missing = VisionProcess.Run("dataset", "convert", "--input", dir.File("annotations/instances.json"), "--output", outputs.File("voc2"), "--to", "voc");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("messi5.jpg: image file does not exist; image messi5.jpg not written", missing.Stderr);
    }

    [Fact]
    public void Inputs_that_are_not_read_give_exit_1_while_informational_warnings_keep_0()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("images/train"));
        Directory.CreateDirectory(dir.File("labels/train"));
        File.Copy(RepoPaths.Sample("orange.jpg"), dir.File("images/train/a.jpg"));
        File.WriteAllText(dir.File("labels/train/a.txt"), "0 0.5 0.5 0 0.1\n");
        File.WriteAllText(dir.File("data.yaml"), "train: images/train\nnames: [cat]\n");
        var informational = VisionProcess.Run("dataset", "stats", "--input", dir.Path);
        Assert.True(informational.ExitCode == 0, $"a zero-width box is only a warning, expected exit 0: {informational}");
        Assert.Contains("object has zero width or height", informational.Stderr);

        File.WriteAllText(dir.File("labels/train/ghost.txt"), "0 0.5 0.5 0.1 0.1\n");
        var stats = VisionProcess.Run("dataset", "stats", "--input", dir.Path);
        Assert.True(stats.ExitCode == 1, $"an orphan label file is not read, expected exit 1: {stats}");
        Assert.Contains("warning: labels/train/ghost.txt: label file has no image; not read", stats.Stderr);
        using var output = new TempDirectory();
        var convert = VisionProcess.Run("dataset", "convert", "--input", dir.Path, "--output", output.File("coco"), "--to", "coco");
        Assert.True(convert.ExitCode == 1, $"convert must also exit 1 when an input was not read: {convert}");
        Assert.Contains("wrote coco", convert.Stdout);
    }

    [Fact]
    public void One_missing_image_is_reported_and_the_rest_including_data_yaml_is_written()
    {
        using var dir = new TempDirectory();
        var coco = WriteCoco(dir);
        File.Delete(dir.File("fruits.jpg"));
        using var output = new TempDirectory();
        var result = VisionProcess.Run("dataset", "convert", "--input", coco, "--output", output.File("yolo"), "--to", "yolo");
        Assert.True(result.ExitCode == 1, $"a missing image must give exit 1: {result}");
        Assert.Contains("fruits.jpg: image file does not exist; image fruits.jpg not written", result.Stderr);
        Assert.Contains("wrote yolo to", result.Stdout);
        Assert.Contains(": 2 images, 3 label rows", result.Stdout);
        foreach (var file in new[] { "images/train/messi5.jpg", "labels/train/messi5.txt", "images/train/basketball1.png", "labels/train/basketball1.txt", "data.yaml" })
            Assert.True(File.Exists(output.File("yolo/" + file)), $"{file} must be written although fruits.jpg is missing");
        Assert.False(File.Exists(output.File("yolo/labels/train/fruits.txt")), "no label file for the image that was not written");
        Assert.Empty(Directory.GetFiles(output.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Synth_detect_writes_coco_train_and_val_that_stats_reads_and_reruns_byte_identical()
    {
        using var dir = new TempDirectory();
        var result = VisionProcess.Run("dataset", "synth", "--task", "detect", "--output", dir.File("a"), "--images", "10", "--seed", "7");
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("train: 8 images, ", lines[0]);
        Assert.EndsWith($" objects, 5 classes (coco in {dir.File("a/train")})", lines[0]);
        Assert.StartsWith("val: 2 images, ", lines[1]);

        var stats = VisionProcess.Run("dataset", "stats", "--input", dir.File("a/val"));
        Assert.True(stats.ExitCode == 0, stats.ToString());
        Assert.Contains("format: coco", stats.Stdout);
        Assert.Contains("images: 2 (0 without labels)", stats.Stdout);
        Assert.Contains("classes: 5", stats.Stdout);

        var again = VisionProcess.Run("dataset", "synth", "--task", "detect", "--output", dir.File("b"), "--images", "10", "--seed", "7");
        Assert.True(again.ExitCode == 0, again.ToString());
        foreach (var file in Directory.GetFiles(dir.File("a"), "*", SearchOption.AllDirectories))
        {
            var twin = Path.Combine(dir.File("b"), Path.GetRelativePath(dir.File("a"), file));
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(twin)), $"{twin} differs from {file}");
        }
    }

    [Fact]
    public void Synth_classify_and_segment_write_imagefolder_and_mask_folders()
    {
        using var dir = new TempDirectory();
        var classify = VisionProcess.Run("dataset", "synth", "-t", "classify", "-o", dir.File("c"), "-n", "20", "--val-fraction", "0.5");
        Assert.True(classify.ExitCode == 0, classify.ToString());
        Assert.Contains($"train: 10 images, 10 objects, 5 classes (imagefolder in {dir.File("c/train")})", classify.Stdout);
        Assert.Contains($"val: 10 images, 10 objects, 5 classes (imagefolder in {dir.File("c/val")})", classify.Stdout);
        Assert.Equal(2, Directory.GetFiles(dir.File("c/val/star")).Length);

        var segment = VisionProcess.Run("dataset", "synth", "-t", "segment", "-o", dir.File("s"), "-n", "5", "--size", "64");
        Assert.True(segment.ExitCode == 0, segment.ToString());
        Assert.Contains("train: 4 images, ", segment.Stdout);
        Assert.Equal("background\ncircle\ncross\nsquare\nstar\ntriangle\n", File.ReadAllText(dir.File("s/train/classes.txt")));
        Assert.Equal(4, Directory.GetFiles(dir.File("s/train/masks")).Length);

        var again = VisionProcess.Run("dataset", "synth", "-t", "segment", "-o", dir.File("s"), "-n", "5");
        Assert.True(again.ExitCode == 2, $"a second run into a filled output must be refused with exit 2: {again}");
        Assert.Equal($"vision: {dir.File("s/train")}: output folder is not empty; remove it or choose another --output\n", again.Stderr);

        var badTask = VisionProcess.Run("dataset", "synth", "-t", "pose", "-o", dir.File("p"));
        Assert.True(badTask.ExitCode != 0, badTask.ToString());
    }

    [Fact]
    public void Digits_writes_4000_train_and_1000_val_images_and_names_a_missing_sheet()
    {
        using var dir = new TempDirectory();
        var result = VisionProcess.Run("dataset", "digits", "--output", dir.File("digits"));
        Assert.True(result.ExitCode == 0, $"{result} (scripts/setup.sh installs opencv-doc, which holds digits.png)");
        Assert.Equal($"train: 4000 images, 4000 objects, 10 classes (imagefolder in {dir.File("digits/train")})\n" +
                     $"val: 1000 images, 1000 objects, 10 classes (imagefolder in {dir.File("digits/val")})\n", result.Stdout);
        Assert.Equal(100, Directory.GetFiles(dir.File("digits/val/9")).Length);

        var missing = VisionProcess.Run("dataset", "digits", "--output", dir.File("none"), "--source", dir.File("nowhere/digits.png"));
        Assert.True(missing.ExitCode == 2, $"a missing sheet is missing input, expected exit 2: {missing}");
        Assert.Equal($"vision: {dir.File("nowhere/digits.png")}: digits sheet not found; install it with `apt-get install opencv-doc` or give --source\n", missing.Stderr);
    }
}
