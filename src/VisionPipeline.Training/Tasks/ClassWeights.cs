using System.Globalization;
using VisionPipeline.Core.Errors;
using VisionPipeline.Training.Data;

namespace VisionPipeline.Training.Tasks;

/// <summary>--class-weights: "none", "balanced" (N / (C · n_c), the inverse of each class's share) or one number per class.</summary>
public static class ClassWeights
{
    public static float[]? Parse(string text, TrainingData data)
    {
        if (text is "" or "none") return null;
        if (text == "balanced")
        {
            var counts = data.TrainImagesPerClass();
            double total = counts.Sum();
            return counts.Select(n => n == 0 ? 0f : (float)(total / (counts.Length * (double)n))).ToArray();
        }
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != data.Classes.Count)
            throw new ConfigurationException(null, $"--class-weights gives {parts.Length} weights for {data.Classes.Count} classes ({string.Join(", ", data.Classes)})");
        return parts.Select(p => float.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && w >= 0 && float.IsFinite(w)
            ? w
            : throw new ConfigurationException(null, $"--class-weights: '{p}' is not a weight (a number ≥ 0)")).ToArray();
    }
}
