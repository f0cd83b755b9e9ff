using Spectre.Console;
using VisionPipeline.Graph.Runs;

namespace VisionPipeline.Cli.Terminal;

/// <summary>
/// Live progress on the terminal while work runs (Spectre.Console): what is done of how much, the share, the rate,
/// failures, elapsed time and time left, redrawn in place; left on screen when the work ends. Shown only when
/// enabled (a terminal, no --quiet): redirected output gets no progress lines.
/// </summary>
public static class LiveProgress
{
    public static T Track<T>(TextWriter terminal, bool enabled, string unit, Func<IProgress<RunProgress>, T> work)
    {
        if (!enabled) return work(new Ignored());
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(terminal),
            Interactive = InteractionSupport.Yes,
            Ansi = AnsiSupport.Detect,
        });
        return console.Progress()
            .AutoClear(false)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new TaskDescriptionColumn { Alignment = Justify.Left },
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => work(new TaskProgress(context.AddTask(unit, maxValue: 1), unit)));
    }

    private sealed class TaskProgress(ProgressTask task, string unit) : IProgress<RunProgress>
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

        public void Report(RunProgress value)
        {
            double rate = _clock.Elapsed.TotalSeconds > 0 ? value.Done / _clock.Elapsed.TotalSeconds : 0;
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
            task.Description = $"{value.Done}/{value.Total} {unit}  {rate:0.0}/s  " + (value.Failed == 0 ? "no failures" : $"[red]{value.Failed} failed[/]");
        }
    }

    private sealed class Ignored : IProgress<RunProgress>
    {
        public void Report(RunProgress value) { }
    }
}
