using VisionPipeline.Core.Errors;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Graph.Tests;

/// <summary>An SSD priors file's rows are four numbers; a bad row is refused at the field that is wrong.</summary>
public class PriorsFileTests
{
    [Theory]
    [InlineData("0.5 0.5 0.1 0.1\n0.5, 0.5, x, 0.1\n", "2:11")]   // the field that is no number
    [InlineData("0.5 0.5 0.1 0.1 0.2\n", "1:17")]                 // the first field too many
    [InlineData("\n  0.5\t0.5 0.1\n", "2:3")]                      // too few: the row's start
    public void A_bad_row_is_refused_at_its_line_and_column(string text, string position)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("priors.txt"), text);
        var e = Assert.Throws<ConfigurationException>(() => PriorsFile.Read(dir.File("priors.txt")));
        Assert.Equal($"{dir.File("priors.txt")}:{position}: expected 4 numbers: cx cy w h", e.Message);
    }

    [Fact]
    public void Spaces_commas_and_tabs_separate_the_numbers()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("priors.txt"), "0.5,0.25\t0.1 0.2\n\n1 1 1 1\n");
        Assert.Equal([0.5f, 0.25f, 0.1f, 0.2f, 1, 1, 1, 1], PriorsFile.Read(dir.File("priors.txt")));
    }
}
