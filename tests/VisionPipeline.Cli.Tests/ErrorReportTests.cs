namespace VisionPipeline.Cli.Tests;

public class ErrorReportTests
{
    [Fact]
    public void An_error_is_one_line_and_verbose_adds_its_stack_trace()
    {
        using var output = new TestSupport.TempDirectory();
        var plain = VisionProcess.Run("run", "-i", "/no/such/folder", "-o", output.Path, "-p", "faces");
        Assert.True(plain.ExitCode == 2, plain.ToString());
        Assert.Equal("vision: /no/such/folder: input not found (expected a directory, an image file or a glob)\n", plain.Stderr);

        var verbose = VisionProcess.Run("run", "-i", "/no/such/folder", "-o", output.Path, "-p", "faces", "--verbose");
        Assert.True(verbose.ExitCode == 2, verbose.ToString());
        Assert.StartsWith(plain.Stderr, verbose.Stderr);
        Assert.Contains("ConfigurationException", verbose.Stderr);
        Assert.Contains("   at VisionPipeline.", verbose.Stderr);
    }
}
