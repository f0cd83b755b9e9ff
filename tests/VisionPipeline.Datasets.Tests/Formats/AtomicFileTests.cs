using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats.Files;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Datasets.Tests.Formats;

public class AtomicFileTests
{
    [Fact]
    public void A_write_that_fails_half_way_leaves_the_old_file_and_no_temporary()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("labels.txt"), "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(dir.File("labels.txt"), stream =>
        {
            stream.Write("half of the new"u8);
            throw new InvalidOperationException("interrupted");
        }));
        Assert.Equal("old", File.ReadAllText(dir.File("labels.txt")));
        Assert.Equal(["labels.txt"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Copy_of_a_missing_image_names_it_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<VisionException>(() => AtomicFile.Copy(dir.File("nope.jpg"), dir.File("out/nope.jpg")));
        Assert.Contains("nope.jpg", error.Message);
        Assert.False(Directory.Exists(dir.File("out")) && Directory.GetFiles(dir.File("out")).Length > 0);
    }
}
