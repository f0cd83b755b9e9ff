using System.Text;
using System.Text.Json;
using VisionPipeline.Core.IO;
using VisionPipeline.Training.Loop;

namespace VisionPipeline.Training.Outputs;

/// <summary>metrics.jsonl: one line per epoch, rewritten whole after each epoch (so a resumed run's file is complete).</summary>
public static class MetricsLog
{
    public static void Write(string path, IEnumerable<EpochRecord> history, string metricName) =>
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(string.Concat(history.Select(r => Line(r, metricName) + "\n"))));

    public static string Line(EpochRecord r, string metricName)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("member", r.Member);
            w.WriteNumber("epoch", r.Epoch + 1);
            Number(w, "train_loss", r.TrainLoss);
            Number(w, "val_loss", r.ValidationLoss);
            Number(w, $"val_{metricName}", r.ValidationMetric);
            foreach (var (name, value) in r.ValidationMetrics.Where(m => m.Key != metricName).OrderBy(m => m.Key, StringComparer.Ordinal))
                Number(w, $"val_{name}", value);
            w.WriteNumber("lr", r.LearningRate);
            w.WriteNumber("seconds", Math.Round(r.Seconds, 3));
            w.WriteNumber("samples_per_s", Math.Round(r.SamplesPerSecond, 1));
            w.WriteBoolean("best", r.Best);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A number, or null where it is not finite (JSON has no NaN).</summary>
    public static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }
}
