using System.Diagnostics;
using System.Globalization;
using VisionPipeline.Training;
using VisionPipeline.Training.Loop;

namespace VisionPipeline.Cli.Commands.Train;

/// <summary>One line per epoch on standard output; within an epoch, a progress line on an interactive terminal.</summary>
internal sealed class TrainProgress(TextWriter stdout, TextWriter stderr, bool interactive)
{
    private readonly Stopwatch _sinceDrawn = Stopwatch.StartNew();
    private bool _lineOpen;
    private string _metric = "metric";

    public TrainingCallbacks Callbacks => new()
    {
        Warning = message => Write(stderr, $"warning: {message}"),
        Started = (data, size) =>
        {
            Write(stdout, $"data: {data.Train.Count} training and {data.Validation.Count} validation images ({data.SplitSource}), {data.Classes.Count} classes, input {size}×{size}"
                + (data.Skipped > 0 ? $"; {data.Skipped} unusable images skipped (named above)" : ""));
        },
        Step = Step,
        Epoch = Epoch,
    };

    private void Step(StepProgress p)
    {
        if (!interactive || (_sinceDrawn.ElapsedMilliseconds < 200 && p.Step != p.Steps)) return;
        _sinceDrawn.Restart();
        var member = p.Members > 1 ? $"model {p.Member + 1}/{p.Members} " : "";
        stderr.Write(string.Create(CultureInfo.InvariantCulture, $"\r{member}epoch {p.Epoch + 1}/{p.Epochs} step {p.Step}/{p.Steps} loss {p.Loss:F4}   "));
        _lineOpen = true;
    }

    private void Epoch(EpochRecord r)
    {
        _metric = r.ValidationMetrics.Keys.FirstOrDefault(k => r.ValidationMetrics[k] == r.ValidationMetric) ?? _metric;
        var member = r.Member > 0 || r.ValidationMetrics.Count < 0 ? $"model {r.Member + 1} " : "";
        Write(stdout, string.Create(CultureInfo.InvariantCulture,
            $"{member}epoch {r.Epoch + 1,3}  train_loss {r.TrainLoss:F4}  val_loss {r.ValidationLoss:F4}  val_{_metric} {r.ValidationMetric:F4}  lr {r.LearningRate:G3}  {r.Seconds:F1} s{(r.Best ? "  *" : "")}"));
    }

    private void Write(TextWriter writer, string line)
    {
        if (_lineOpen)
        {
            stderr.Write("\r\x1b[K");
            _lineOpen = false;
        }
        writer.WriteLine(line);
    }

    public void Finish()
    {
        if (_lineOpen) stderr.Write("\r\x1b[K");
        _lineOpen = false;
    }
}
