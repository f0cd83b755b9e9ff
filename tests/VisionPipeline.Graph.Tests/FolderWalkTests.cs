using System.Diagnostics;
using VisionPipeline.Graph.Sources;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Graph.Tests;

/// <summary>Input folders with links, loops and special files: each real file once, nothing hangs, every omission said.</summary>
public class FolderWalkTests
{
    private static string[] Names(InputResolver.Resolution r) => r.Files.Select(f => f.RelativePath).ToArray();

    [Fact]
    public void A_link_loop_is_read_once_and_reported()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("nested"));
        File.WriteAllText(temp.File("a.jpg"), "x");
        File.WriteAllText(temp.File("nested/b.jpg"), "x");
        File.CreateSymbolicLink(temp.File("nested/loop"), "..");

        var resolution = InputResolver.Resolve(temp.Path);
        Assert.Equal(["a.jpg", "nested/b.jpg"], Names(resolution));
        var warning = Assert.Single(resolution.Warnings);
        Assert.Equal("nested/loop: the folder . again (a link loop or a second link to it); read once", warning);
    }

    [Fact]
    public void Two_links_to_one_folder_read_it_once_under_its_real_name_and_links_to_files_are_followed()
    {
        using var temp = new TempDirectory();
        using var outside = new TempDirectory();
        Directory.CreateDirectory(temp.File("photos"));
        File.WriteAllText(temp.File("photos/p.png"), "x");
        File.WriteAllText(outside.File("far.jpg"), "x");
        File.CreateSymbolicLink(temp.File("alias"), temp.File("photos"));
        File.CreateSymbolicLink(temp.File("another"), "photos");
        File.CreateSymbolicLink(temp.File("far.jpg"), outside.File("far.jpg"));

        var resolution = InputResolver.Resolve(temp.Path);
        Assert.Equal(["far.jpg", "photos/p.png"], Names(resolution));
        Assert.Equal(2, resolution.Warnings.Count);
        Assert.All(resolution.Warnings, w => Assert.EndsWith(": the folder photos again (a link loop or a second link to it); read once", w));
        Assert.Equal(temp.File("far.jpg"), resolution.Files[0].FullPath); // the file keeps its link's path
    }

    [Fact]
    public void Without_following_links_every_link_is_left_out()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("photos"));
        File.WriteAllText(temp.File("photos/p.png"), "x");
        File.CreateSymbolicLink(temp.File("alias"), "photos");
        File.CreateSymbolicLink(temp.File("link.jpg"), "photos/p.png");

        var resolution = InputResolver.Resolve(temp.Path, followLinks: false);
        Assert.Equal(["photos/p.png"], Names(resolution));
        Assert.Empty(resolution.Warnings);
    }

    [Fact]
    public void A_pipe_a_device_and_a_broken_link_are_left_out_with_a_warning_instead_of_blocking_the_run()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("ok.jpg"), "x");
        File.CreateSymbolicLink(temp.File("gone.jpg"), temp.File("nothing-here.jpg"));
        File.CreateSymbolicLink(temp.File("zeros.jpg"), "/dev/zero"); // read as a file, it never ends
        using (var mkfifo = Process.Start("mkfifo", temp.File("pipe.jpg"))) mkfifo.WaitForExit();
        Assert.True(File.Exists(temp.File("pipe.jpg")), "mkfifo made no pipe");

        var resolution = InputResolver.Resolve(temp.Path);
        Assert.Equal(["ok.jpg"], Names(resolution));
        Assert.Equal(
            [$"gone.jpg: a broken link (to {temp.File("nothing-here.jpg")}); left out", "pipe.jpg: not a regular file (a pipe, socket or device); left out",
             "zeros.jpg: not a regular file (a pipe, socket or device); left out"],
            resolution.Warnings.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void A_glob_walks_the_same_way()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("a"));
        File.WriteAllText(temp.File("a/x.png"), "x");
        File.CreateSymbolicLink(temp.File("a/up"), "..");
        var resolution = InputResolver.Resolve(temp.Path + "/**/*.png");
        Assert.Equal(["a/x.png"], Names(resolution));
        Assert.Single(resolution.Warnings);
    }
}
