using VisionPipeline.Core.Results;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

public class InputFolderTests
{
    [Fact]
    public void A_folder_holding_a_link_to_its_parent_gives_one_row_per_real_image_and_a_warning()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        Directory.CreateDirectory(input.File("nested"));
        File.Copy(RepoPaths.Sample("messi5.jpg"), input.File("messi5.jpg"));
        File.Copy(RepoPaths.Sample("fruits.jpg"), input.File("nested/fruits.jpg"));
        File.CreateSymbolicLink(input.File("nested/loop"), "..");

        var result = VisionProcess.Run("run", "-i", input.Path, "-o", output.Path, "-p", "faces", "--quiet");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning: nested/loop: the folder . again (a link loop or a second link to it); read once", result.Stderr);
        var rows = File.ReadAllLines(Path.Combine(output.Path, "results.jsonl")).Select(l => ResultJson.Deserialize(l).Image).ToArray();
        Assert.Equal(["messi5.jpg", "nested/fruits.jpg"], rows);
    }

    [Fact]
    public void No_follow_links_leaves_linked_images_out()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        File.Copy(RepoPaths.Sample("messi5.jpg"), input.File("messi5.jpg"));
        File.CreateSymbolicLink(input.File("linked.jpg"), RepoPaths.Sample("fruits.jpg"));

        var followed = VisionProcess.Run("run", "-i", input.Path, "-o", output.Path, "-p", "faces", "--quiet");
        Assert.True(followed.ExitCode == 0, followed.ToString());
        Assert.Equal(2, File.ReadAllLines(Path.Combine(output.Path, "results.jsonl")).Length);

        var notFollowed = VisionProcess.Run("run", "-i", input.Path, "-o", output.Path, "-p", "faces", "--quiet", "--no-follow-links");
        Assert.True(notFollowed.ExitCode == 0, notFollowed.ToString());
        Assert.Equal("messi5.jpg", ResultJson.Deserialize(File.ReadAllLines(Path.Combine(output.Path, "results.jsonl")).Single()).Image);
    }
}
