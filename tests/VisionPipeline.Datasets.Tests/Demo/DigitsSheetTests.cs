using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Demo;
using VisionPipeline.Datasets.Demo.Digits;
using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Formats.ImageFolder;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Datasets.Tests.Demo;

/// <summary>
/// `vision dataset digits`: OpenCV's digits.png cut into an ImageFolder. The sheet comes from Debian's opencv-doc,
/// which scripts/setup.sh installs.
/// </summary>
public class DigitsSheetTests
{
    [Fact]
    public void The_sheet_gives_ten_classes_of_500_split_400_and_100()
    {
        Assert.True(File.Exists(DigitsSheet.DebianPath), $"{DigitsSheet.DebianPath} is missing: run scripts/setup.sh (it installs opencv-doc)");
        using var dir = new TempDirectory();
        using (var staging = new Staging())
        {
            var images = DigitsSheet.Cut(DigitsSheet.DebianPath, staging);
            var warnings = new DatasetWarnings();
            var summaries = DemoWriter.Write(staging.Root, DigitsSheet.Categories, images, DatasetFormat.ImageFolder, dir.Path, warnings);
            Assert.Empty(warnings.Items);
            Assert.Equal([(DemoSplits.Train, 4000, 10), (DemoSplits.Val, 1000, 10)], summaries.Select(s => (s.Split, s.Images, s.Classes)));
        }
        var names = new List<HashSet<string>>();
        foreach (var (split, perClass) in new[] { (DemoSplits.Train, 400), (DemoSplits.Val, 100) })
        {
            var dataset = ImageFolderReader.Read(dir.File(split));
            Assert.Equal(Enumerable.Range(0, 10).Select(d => d.ToString()), dataset.Categories.Select(c => c.Name));
            var images = dataset.Images.ToList();
            Assert.All(dataset.Categories, c => Assert.Equal(perClass, images.Count(i => i.ClassId == c.Id)));
            Assert.All(images, i => Assert.Equal((20, 20), (i.Width, i.Height)));
            names.Add(images.Select(i => i.FilePath).ToHashSet());
        }
        Assert.Empty(names[0].Intersect(names[1]));
        // The first cell of the sheet is a zero: a grey 20×20 image with ink in it.
        using var first = Cv2.ImRead(dir.File(File.Exists(dir.File("train/0/0_000.png")) ? "train/0/0_000.png" : "val/0/0_000.png"), ImreadModes.Unchanged);
        Assert.Equal(MatType.CV_8UC1, first.Type());
        Assert.True(Cv2.CountNonZero(first) > 20);
    }

    [Fact]
    public void A_missing_sheet_names_the_file_and_the_package()
    {
        using var dir = new TempDirectory();
        using var staging = new Staging();
        var e = Assert.Throws<ConfigurationException>(() => DigitsSheet.Cut(dir.File("digits.png"), staging));
        Assert.Equal(dir.File("digits.png"), e.File);
        Assert.Contains("apt-get install opencv-doc", e.Message);
    }

    [Fact]
    public void A_sheet_of_another_size_is_refused_with_both_sizes()
    {
        using var dir = new TempDirectory();
        using (var small = new Mat(500, 1000, MatType.CV_8UC1, Scalar.All(0))) Cv2.ImWrite(dir.File("digits.png"), small);
        using var staging = new Staging();
        var e = Assert.Throws<VisionException>(() => DigitsSheet.Cut(dir.File("digits.png"), staging));
        Assert.Contains("1000×500", e.Message);
        Assert.Contains("2000×1000", e.Message);
    }
}
