using OpenCvSharp;
using VisionPipeline.Datasets.Demo;
using VisionPipeline.Datasets.Demo.Synthetic;
using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Formats.Coco;
using VisionPipeline.Datasets.Formats.ImageFolder;
using VisionPipeline.Datasets.Formats.MaskFolder;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Datasets.Tests.Demo;

/// <summary>`vision dataset synth`'s generator, written through the format writers and read back with the format readers.</summary>
public class SyntheticDatasetTests
{
    private static IReadOnlyList<SplitSummary> Write(SynthOptions options, string output)
    {
        using var staging = new Staging();
        var images = SyntheticDataset.Generate(options, staging);
        var warnings = new DatasetWarnings();
        var summaries = DemoWriter.Write(staging.Root, Shapes.Categories, images, options.Format, output, warnings);
        Assert.Empty(warnings.Items);
        return summaries;
    }

    /// <summary>Every file below the folder, by '/'-separated relative path, with its bytes.</summary>
    private static SortedDictionary<string, byte[]> Files(string root) =>
        new(Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes), StringComparer.Ordinal);

    [Theory]
    [InlineData(SynthTask.Classify)]
    [InlineData(SynthTask.Detect)]
    [InlineData(SynthTask.Segment)]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_other_bytes(SynthTask task)
    {
        using var dir = new TempDirectory();
        Write(new SynthOptions(task, Images: 10, Seed: 3), dir.File("a"));
        Write(new SynthOptions(task, Images: 10, Seed: 3), dir.File("b"));
        Write(new SynthOptions(task, Images: 10, Seed: 4), dir.File("c"));
        var (a, b, c) = (Files(dir.File("a")), Files(dir.File("b")), Files(dir.File("c")));
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (path, bytes) in a) Assert.True(bytes.AsSpan().SequenceEqual(b[path]), $"{path} differs between two runs with seed 3");
        var images = a.Keys.Where(k => k.EndsWith(".png", StringComparison.Ordinal) && !k.Contains("masks/")).ToList();
        Assert.Contains(images, k => !c.TryGetValue(k, out var other) || !other.AsSpan().SequenceEqual(a[k]));
        Assert.DoesNotContain(images, k => c.TryGetValue(k, out var other) && other.AsSpan().SequenceEqual(a[k]));
    }

    [Fact]
    public void Detection_boxes_and_masks_hold_exactly_the_pixels_painted_in_each_shapes_colour()
    {
        using var dir = new TempDirectory();
        Write(new SynthOptions(SynthTask.Detect, Images: 12, Seed: 1), dir.File("d"));
        var objects = 0;
        foreach (var split in DemoSplits.All)
        {
            var dataset = CocoReader.Read(dir.File($"d/{split}/{CocoWriter.AnnotationFileName}"));
            foreach (var image in dataset.Images)
            {
                Assert.InRange(image.Annotations.Count, 1, SyntheticDataset.MaxObjects);
                Assert.Equal(split, image.Split);
                using var pixels = Cv2.ImRead(dataset.ImagePath(image), ImreadModes.Color);
                using var union = new Mat(image.Height, image.Width, MatType.CV_8UC1, Scalar.All(0));
                foreach (var a in image.Annotations)
                {
                    using var mask = a.Segmentation!.ToRle(image.Height, image.Width).Decode();
                    var bounds = Cv2.BoundingRect(mask);
                    Assert.Equal(new BoxXywh(bounds.X, bounds.Y, bounds.Width, bounds.Height), a.Box);
                    Assert.Equal(Cv2.CountNonZero(mask), a.Area);
                    // Shapes lie wholly inside the image and are at least a tenth of its side across.
                    Assert.True(a.Box.Width >= image.Width / 10.0 || a.Box.Height >= image.Height / 10.0, $"annotation {a.Id}: box {a.Box} is tiny");
                    // OpenCV sums in floating point: a flat region's spread comes out as a few 1e-6, one pixel off by one
                    // level among a few hundred as 0.05 or more.
                    Cv2.MeanStdDev(pixels, out _, out var spread, mask);
                    Assert.True(Math.Max(spread.Val0, Math.Max(spread.Val1, spread.Val2)) < 1e-3,
                        $"annotation {a.Id} in {image.FilePath}: its mask covers pixels of more than one colour (spread {spread})");
                    using var overlap = new Mat();
                    Cv2.BitwiseAnd(union, mask, overlap);
                    Assert.Equal(0, Cv2.CountNonZero(overlap));
                    Cv2.BitwiseOr(union, mask, union);
                    objects++;
                }
            }
        }
        Assert.True(objects >= 12, $"{objects} objects in 12 images");
    }

    [Fact]
    public void Segmentation_label_maps_paint_the_detection_masks_of_the_same_scenes()
    {
        using var dir = new TempDirectory();
        Write(new SynthOptions(SynthTask.Detect, Images: 8, Seed: 5), dir.File("d"));
        Write(new SynthOptions(SynthTask.Segment, Images: 8, Seed: 5), dir.File("s"));
        foreach (var split in DemoSplits.All)
        {
            var detect = CocoReader.Read(dir.File($"d/{split}/{CocoWriter.AnnotationFileName}"));
            var segment = MaskFolderReader.Read(dir.File($"s/{split}"));
            Assert.Equal(Shapes.Categories.Select(c => (c.Id, c.Name)), segment.Categories.Select(c => (c.Id, c.Name)));
            var maps = segment.Images.ToDictionary(i => Path.GetFileName(i.FilePath));
            foreach (var image in detect.Images)
            {
                var name = Path.GetFileName(image.FilePath);
                var labelled = maps[name];
                Assert.True(File.ReadAllBytes(detect.ImagePath(image)).AsSpan().SequenceEqual(File.ReadAllBytes(segment.ImagePath(labelled))),
                    $"{name}: detection and segmentation with one seed draw the same scene");
                using var expected = new Mat(image.Height, image.Width, MatType.CV_8UC1, Scalar.All(0));
                foreach (var a in image.Annotations)
                {
                    using var mask = a.Segmentation!.ToRle(image.Height, image.Width).Decode();
                    expected.SetTo(Scalar.All(a.CategoryId), mask);
                }
                using var map = Cv2.ImRead(Path.Combine(segment.ImageRoot, labelled.MaskPath!), ImreadModes.Unchanged);
                using var difference = new Mat();
                Cv2.Compare(map, expected, difference, CmpTypes.NE);
                Assert.True(Cv2.CountNonZero(difference) == 0, $"{name}: the label map is not the detection masks painted with their classes");
                Assert.Equal(image.Annotations.Select(a => a.CategoryId).Distinct().Order(), labelled.Annotations.Select(a => a.CategoryId));
            }
        }
    }

    [Fact]
    public void Classification_classes_are_balanced_and_split_per_class()
    {
        using var dir = new TempDirectory();
        var summaries = Write(new SynthOptions(SynthTask.Classify, Images: 50, Seed: 2, ValFraction: 0.2), dir.File("c"));
        Assert.Equal([(DemoSplits.Train, 40, 40), (DemoSplits.Val, 10, 10)], summaries.Select(s => (s.Split, s.Images, s.Objects)));
        foreach (var (split, perClass) in new[] { (DemoSplits.Train, 8), (DemoSplits.Val, 2) })
        {
            var dataset = ImageFolderReader.Read(dir.File($"c/{split}"));
            Assert.Equal(["circle", "cross", "square", "star", "triangle"], dataset.Categories.Select(c => c.Name));
            var images = dataset.Images.ToList();
            Assert.All(dataset.Categories, c => Assert.Equal(perClass, images.Count(i => i.ClassId == c.Id)));
            Assert.All(images, i => Assert.Equal((SynthOptions.DefaultSize(SynthTask.Classify), SynthOptions.DefaultSize(SynthTask.Classify)), (i.Width, i.Height)));
        }
    }

    [Theory]
    [InlineData(SynthTask.Classify, DatasetFormat.ImageFolder)]
    [InlineData(SynthTask.Detect, DatasetFormat.Coco)]
    [InlineData(SynthTask.Segment, DatasetFormat.Masks)]
    public void Splits_are_disjoint_sized_as_asked_and_read_back_with_the_written_counts(SynthTask task, DatasetFormat format)
    {
        using var dir = new TempDirectory();
        var summaries = Write(new SynthOptions(task, Images: 20, Seed: 9, Size: 48, ValFraction: 0.25), dir.File("x"));
        Assert.Equal([(DemoSplits.Train, 15), (DemoSplits.Val, 5)], summaries.Select(s => (s.Split, s.Images)));
        var names = new List<HashSet<string>>();
        foreach (var summary in summaries)
        {
            Assert.Equal(format, DatasetFormats.Detect(summary.Directory));
            var dataset = DatasetFormats.Read(format, summary.Directory);
            var images = dataset.Images.ToList();
            Assert.Empty(dataset.Warnings.Items);
            Assert.Equal(summary.Images, images.Count);
            Assert.Equal(summary.Objects, images.Sum(i => i.ClassId is null ? i.Annotations.Count : 1));
            Assert.Equal(summary.Classes, dataset.Categories.Count);
            Assert.All(images, i => Assert.Equal((48, 48), (i.Width, i.Height)));
            names.Add(images.Select(i => Path.GetFileName(i.FilePath)).ToHashSet());
        }
        Assert.Empty(names[0].Intersect(names[1]));
    }

    [Fact]
    public void Every_scene_keeps_at_least_three_quarters_of_each_shape_visible()
    {
        var random = new Random(11);
        for (var n = 0; n < 30; n++)
        {
            var kinds = Enumerable.Range(0, SyntheticDataset.MaxObjects).Select(k => Shapes.All[(n + k) % Shapes.All.Length]).ToArray();
            using var scene = SyntheticScene.Compose(random, 96, kinds, SyntheticDataset.SceneRadius);
            Assert.InRange(scene.Objects.Count, 1, SyntheticDataset.MaxObjects);
            foreach (var o in scene.Objects)
                Assert.True(Cv2.CountNonZero(o.Visible) >= SyntheticScene.MinVisibleShare * o.Area,
                    $"scene {n}: a {o.Kind.Name()} shows {Cv2.CountNonZero(o.Visible)} of its {o.Area} pixels");
        }
    }

    [Fact]
    public void Out_of_range_options_are_refused_naming_the_option()
    {
        Assert.Contains("--images 0", Assert.Throws<VisionPipeline.Core.Errors.ConfigurationException>(() => new SynthOptions(SynthTask.Detect, Images: 0).Check()).Message);
        Assert.Contains("--size 16", Assert.Throws<VisionPipeline.Core.Errors.ConfigurationException>(() => new SynthOptions(SynthTask.Detect, Size: 16).Check()).Message);
        Assert.Contains("--val-fraction 1", Assert.Throws<VisionPipeline.Core.Errors.ConfigurationException>(() => new SynthOptions(SynthTask.Detect, ValFraction: 1).Check()).Message);
    }
}
