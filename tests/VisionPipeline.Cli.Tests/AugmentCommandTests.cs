using System.Text.Json;
using System.Text.RegularExpressions;
using OpenCvSharp;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

/// <summary>
/// `vision augment` end to end on a small COCO dataset: three real photos from sample-images/ with generated
/// annotations (boxes with polygons and keypoints near the borders, and an RLE crowd region), so that a
/// cropping recipe keeps some objects and drops others.
/// </summary>
public sealed class AugmentCommandTests : IDisposable
{
    private static readonly string[] Photos = ["baboon.jpg", "fruits.jpg", "messi5.jpg"];
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Root => _temp.Path;

    /// <summary>Writes the COCO fixture; returns the annotation count.</summary>
    private int WriteCoco()
    {
        var coco = Path.Combine(Root, "coco");
        Directory.CreateDirectory(coco);
        var images = new List<object>();
        var annotations = new List<object>();
        int annotationId = 0;
        for (int i = 0; i < Photos.Length; i++)
        {
            File.Copy(RepoPaths.Sample(Photos[i]), Path.Combine(coco, Photos[i]));
            using var photo = Cv2.ImRead(RepoPaths.Sample(Photos[i]));
            int w = photo.Width, h = photo.Height;
            images.Add(new { id = i + 1, file_name = Photos[i], width = w, height = h });
            // Objects at the four borders and in the middle: crops cut the border ones.
            (double X, double Y)[] corners = [(2, 2), (w - 62, 2), (2, h - 52), (w - 62, h - 52), (w / 2.0 - 30, h / 2.0 - 25)];
            foreach (var (x, y) in corners)
                annotations.Add(new
                {
                    id = ++annotationId, image_id = i + 1, category_id = 1 + annotationId % 2, bbox = new[] { x, y, 60, 50 }, area = 1500.0, iscrowd = 0,
                    segmentation = new[] { new[] { x + 30, y, x + 60, y + 25, x + 30, y + 50, x, y + 25 } },
                    keypoints = new[] { x + 30, y + 25, 2, x + 10, y + 25, 1 }, num_keypoints = 2,
                });
            // A crowd region as uncompressed RLE: a 20-pixel column run starting at row 10 of column 0.
            annotations.Add(new
            {
                id = ++annotationId, image_id = i + 1, category_id = 1, bbox = new[] { 0.0, 10, 1, 20 }, area = 20.0, iscrowd = 1,
                segmentation = new { size = new[] { h, w }, counts = new[] { 10, 20, h * w - 30 } },
            });
        }
        var categories = new[]
        {
            new { id = 1, name = "thing", keypoints = new[] { "centre", "left" }, skeleton = new[] { new[] { 1, 2 } } },
            new { id = 2, name = "other", keypoints = new[] { "centre", "left" }, skeleton = new[] { new[] { 1, 2 } } },
        };
        File.WriteAllText(Path.Combine(coco, "annotations.json"), JsonSerializer.Serialize(new { images, annotations, categories }));
        return annotationId;
    }

    private string WriteRecipe()
    {
        var path = Path.Combine(Root, "crop.yaml");
        File.WriteAllText(path, """
            name: crop-test
            min_visibility: 0.6
            transforms:
              - kind: horizontal_flip
                p: 0.5
              - kind: random_resized_crop
                width: 256
                height: 224
                scale: [0.3, 0.9]
              - kind: rotate
                p: 0.5
                angle: 20
              - kind: brightness_contrast
            """);
        return path;
    }

    private static (long In, long Kept, long Dropped) Counts(string stdout)
    {
        var m = Regex.Match(stdout, @"annotations: (\d+) in \(all copies written\), (\d+) kept, (\d+) dropped by min_visibility");
        Assert.True(m.Success, $"no annotation summary in:\n{stdout}");
        return (long.Parse(m.Groups[1].Value), long.Parse(m.Groups[2].Value), long.Parse(m.Groups[3].Value));
    }

    [Fact]
    public void Three_copies_of_a_coco_dataset_read_back_with_every_annotation_kept_or_counted_as_dropped()
    {
        int annotations = WriteCoco();
        var output = Path.Combine(Root, "out");
        var result = VisionProcess.Run("augment", "--input", Path.Combine(Root, "coco", "annotations.json"), "--output", output,
            "--copies", "3", "--recipe", WriteRecipe(), "--seed", "7", "--preview", "4");
        Assert.True(result.ExitCode == 0, result.ToString());

        var (inCount, kept, dropped) = Counts(result.Stdout);
        Assert.Equal(3L * annotations, inCount);
        Assert.Equal(inCount, kept + dropped);
        Assert.True(dropped > 0 && kept > 0, $"the crop recipe should keep some objects and drop others:\n{result}");

        // Read the written dataset back with the dataset command: the counts must match the summary.
        var stats = VisionProcess.Run("dataset", "stats", "--input", Path.Combine(output, "annotations.json"));
        Assert.True(stats.ExitCode == 0, stats.ToString());
        Assert.Contains($"images: {3 * Photos.Length} ", stats.Stdout);
        Assert.Contains($"objects: {kept} ", stats.Stdout);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "annotations.json")));
        foreach (var image in json.RootElement.GetProperty("images").EnumerateArray())
        {
            var file = Path.Combine(output, image.GetProperty("file_name").GetString()!);
            using var written = Cv2.ImRead(file);
            Assert.False(written.Empty(), $"{file} was not written or cannot be read");
            Assert.Equal((256, 224), (written.Width, written.Height));
        }
        foreach (var a in json.RootElement.GetProperty("annotations").EnumerateArray())
        {
            var box = a.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.True(box[0] >= 0 && box[1] >= 0 && box[0] + box[2] <= 256.001 && box[1] + box[3] <= 224.001 && box[2] > 0 && box[3] > 0,
                $"annotation {a.GetProperty("id")}: box [{string.Join(", ", box)}] is not inside the 256×224 image");
        }
        Assert.Equal(3 * Photos.Length, File.ReadAllLines(Path.Combine(output, "augmentations.jsonl")).Length);
        using var preview = Cv2.ImRead(Path.Combine(output, "preview.png"));
        Assert.False(preview.Empty(), "preview.png was not written");
        Assert.False(Directory.Exists(Path.Combine(output, ".augment-staging")), "the staging folder was left behind");
    }

    [Fact]
    public void The_same_seed_writes_the_same_bytes_with_one_worker_or_four()
    {
        WriteCoco();
        var recipe = WriteRecipe();
        string Run(string name, string workers)
        {
            var output = Path.Combine(Root, name);
            var r = VisionProcess.Run("augment", "-i", Path.Combine(Root, "coco"), "-o", output, "--copies", "2", "--recipe", recipe,
                "--seed", "3", "--workers", workers, "--to", "yolo");
            Assert.True(r.ExitCode == 0, r.ToString());
            return output;
        }
        var one = Run("one", "1");
        var four = Run("four", "4");
        var files = Directory.GetFiles(one, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(one, f)).Order().ToList();
        Assert.Equal(files, Directory.GetFiles(four, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(four, f)).Order());
        Assert.Contains(files, f => f.EndsWith(".txt"));
        foreach (var f in files)
            Assert.True(File.ReadAllBytes(Path.Combine(one, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(four, f))),
                $"{f} differs between --workers 1 and --workers 4");
    }

    [Fact]
    public void A_bad_recipe_is_a_usage_error_naming_the_file_line_and_column()
    {
        WriteCoco();
        var recipe = Path.Combine(Root, "bad.yaml");
        File.WriteAllText(recipe, "transforms:\n  - kind: horizontal_flip\n  - kind: rotat\n    angle: 10\n");
        var result = VisionProcess.Run("augment", "-i", Path.Combine(Root, "coco"), "-o", Path.Combine(Root, "out"), "--recipe", recipe);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{recipe}:3:11: unknown transform 'rotat'; did you mean 'rotate'?", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(Root, "out")), "nothing should be written when the recipe is invalid");
    }

    [Fact]
    public void A_corrupt_image_fails_alone_and_the_exit_code_says_so()
    {
        int annotations = WriteCoco();
        File.WriteAllText(Path.Combine(Root, "coco", Photos[1]), "not a jpeg");
        var output = Path.Combine(Root, "out");
        var result = VisionProcess.Run("augment", "-i", Path.Combine(Root, "coco"), "-o", output, "--copies", "2", "--recipe", WriteRecipe());
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"error: {Photos[1]}: cannot read the image", result.Stderr);
        var (inCount, kept, dropped) = Counts(result.Stdout);
        Assert.Equal(2L * annotations / Photos.Length * (Photos.Length - 1), inCount);
        Assert.Equal(inCount, kept + dropped);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "annotations.json")));
        Assert.Equal(2 * (Photos.Length - 1), json.RootElement.GetProperty("images").GetArrayLength());
    }
}
