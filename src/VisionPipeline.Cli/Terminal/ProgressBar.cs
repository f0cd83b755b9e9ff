using VisionPipeline.Graph.Runs;

namespace VisionPipeline.Cli.Terminal;

/// <summary>A one-line progress bar, redrawn in place; shown only when the stream is a terminal.</summary>
public sealed class ProgressBar(TextWriter writer, bool enabled) : IProgress<RunProgress>
{
    private readonly object _gate = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private long _lastDraw = -1000;
    private bool _drawn;

    public void Report(RunProgress value)
    {
        if (!enabled) return;
        lock (_gate)
        {
            long now = _clock.ElapsedMilliseconds;
            if (now - _lastDraw < 100 && value.Done < value.Total) return;
            _lastDraw = now;
            const int width = 30;
            int filled = value.Total == 0 ? width : width * value.Done / value.Total;
            double rate = _clock.Elapsed.TotalSeconds > 0 ? value.Done / _clock.Elapsed.TotalSeconds : 0;
            writer.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {value.Done}/{value.Total}" +
                         $"  {rate:0.0} img/s  failed {value.Failed}   ");
            _drawn = true;
        }
    }

    public void Finish()
    {
        lock (_gate)
        {
            if (_drawn) writer.WriteLine();
            _drawn = false;
        }
    }
}
