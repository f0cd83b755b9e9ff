using VisionPipeline.Core.IO;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Core.Tests;

/// <summary>A staged file is written but not in place: the run's writer thread puts it there before the record naming it.</summary>
public class StagedFileTests
{
    // Temporary files are hidden (a leading dot), which .NET's enumeration skips unless told to skip nothing.
    private static readonly EnumerationOptions EveryFile = new() { AttributesToSkip = FileAttributes.None };

    [Fact]
    public void A_staged_file_appears_at_its_target_only_when_committed()
    {
        using var folder = new TempDirectory();
        var target = folder.File("sub/result.txt");
        using var staged = AtomicFile.Stage(target, ".txt", temporary => File.WriteAllText(temporary, "whole"));

        Assert.False(File.Exists(target), "a staged file must not be at its target before it is committed");
        Assert.True(File.Exists(staged.Temporary) && AtomicFile.IsTemporary(Path.GetFileName(staged.Temporary)),
            $"the staged content should wait under a temporary name, found {staged.Temporary}");
        staged.Commit();
        Assert.Equal("whole", File.ReadAllText(target));
        Assert.False(File.Exists(staged.Temporary), "the temporary file should have moved to the target");
    }

    [Fact]
    public void A_staged_file_never_committed_leaves_nothing_and_the_target_keeps_its_old_content()
    {
        using var folder = new TempDirectory();
        var target = folder.File("result.txt");
        File.WriteAllText(target, "old");
        string temporary;
        using (var staged = AtomicFile.Stage(target, ".txt", t => File.WriteAllText(t, "new")))
            temporary = staged.Temporary;

        Assert.False(File.Exists(temporary), "disposing an uncommitted file must delete its temporary file");
        Assert.Equal("old", File.ReadAllText(target));
    }

    [Fact]
    public void A_failure_while_staging_leaves_no_temporary_file()
    {
        using var folder = new TempDirectory();
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Stage(folder.File("x.png"), ".png", t =>
        {
            File.WriteAllText(t, "half");
            throw new InvalidOperationException("encoder failed");
        }));
        Assert.Empty(Directory.GetFiles(folder.Path, "*", EveryFile));
    }
}
