using VisionPipeline.Cli.Terminal;
using VisionPipeline.Graph.Runs;

namespace VisionPipeline.Cli.Tests;

public class LiveProgressTests
{
    [Fact]
    public void Progress_shows_done_of_total_and_failures_and_the_work_s_result_comes_back()
    {
        var terminal = new StringWriter();
        var answer = LiveProgress.Track(terminal, enabled: true, "images", progress =>
        {
            for (int i = 1; i <= 10; i++) progress.Report(new RunProgress(i, 10, i / 7));
            return 42;
        });
        Assert.Equal(42, answer);
        var shown = terminal.ToString();
        Assert.True(shown.Contains("10/10 images") && shown.Contains("1 failed") && shown.Contains("100%"),
            $"the last state of the progress was not drawn:\n{shown}");
    }

    [Fact]
    public void Disabled_progress_writes_nothing()
    {
        var terminal = new StringWriter();
        var answer = LiveProgress.Track(terminal, enabled: false, "images", progress =>
        {
            progress.Report(new RunProgress(1, 1, 0));
            return "done";
        });
        Assert.Equal("done", answer);
        Assert.Equal("", terminal.ToString());
    }
}
