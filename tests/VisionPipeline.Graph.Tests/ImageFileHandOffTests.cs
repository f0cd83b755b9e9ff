using OpenCvSharp;
using VisionPipeline.Graph.Output;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Graph.Tests;

/// <summary>Who encodes a run's image files: the writer thread while it keeps up, the worker when too many wait.</summary>
public class ImageFileHandOffTests
{
    // Temporary files are hidden (a leading dot), which .NET's enumeration skips unless told to skip nothing.
    private static readonly EnumerationOptions EveryFile = new() { AttributesToSkip = FileAttributes.None };

    private static string[] FilesIn(string folder) =>
        Directory.GetFiles(folder, "*", EveryFile).Select(Path.GetFileName).ToArray()!;

    [Fact]
    public void Images_are_handed_over_unencoded_up_to_the_limit_then_the_worker_encodes_and_every_file_lands_whole_on_commit()
    {
        using var folder = new TempDirectory();
        var handOff = new ImageFileHandOff(limit: 1);
        using var image = new Mat(40, 60, MatType.CV_8UC3, new Scalar(10, 120, 250));

        var first = handOff.Prepare(folder.File("first.png"), image);
        var second = handOff.Prepare(folder.File("second.png"), image);
        Assert.Equal(1, handOff.Waiting);
        var staged = FilesIn(folder.Path);
        Assert.True(staged.Length == 1 && staged[0].StartsWith(".second.png."),
            $"only the second image (over the limit) should be encoded already, under a temporary name; found {string.Join(", ", staged)}");

        first.Commit();
        second.Commit();
        Assert.Equal(0, handOff.Waiting);
        Assert.Equal(["first.png", "second.png"], FilesIn(folder.Path).Order());
        using var written = Cv2.ImRead(folder.File("second.png"));
        Assert.Equal(new Vec3b(10, 120, 250), written.At<Vec3b>(0, 0));
    }

    [Fact]
    public void An_image_handed_over_and_never_committed_frees_its_place_and_writes_nothing()
    {
        using var folder = new TempDirectory();
        var handOff = new ImageFileHandOff(limit: 1);
        using var image = new Mat(8, 8, MatType.CV_8UC1, Scalar.All(255));
        using (handOff.Prepare(folder.File("dropped.png"), image)) Assert.Equal(1, handOff.Waiting);
        Assert.Equal(0, handOff.Waiting);
        Assert.Empty(FilesIn(folder.Path));
        using var next = handOff.Prepare(folder.File("next.png"), image);
        Assert.Empty(FilesIn(folder.Path)); // handed over again: the dropped image's place was freed
    }

    [Fact]
    public void The_handed_over_pixels_outlive_the_sink_s_own_image()
    {
        using var folder = new TempDirectory();
        var handOff = new ImageFileHandOff(limit: 4);
        IPendingFile pending;
        using (var drawn = new Mat(20, 30, MatType.CV_8UC3, new Scalar(1, 2, 3))) pending = handOff.Prepare(folder.File("drawn.jpg"), drawn);
        GC.Collect();
        pending.Commit();
        using var written = Cv2.ImRead(folder.File("drawn.jpg"));
        Assert.Equal(new Size(30, 20), written.Size());
    }
}
