using System.Text;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Decoders.Text;

/// <summary>
/// Greedy CTC decoding as PaddleOCR's CTCLabelDecode does it: argmax per time step, collapse repeats,
/// drop the blank (class 0); confidence is the mean probability of the kept steps.
/// </summary>
public sealed class CtcGreedyDecoder
{
    private readonly string[] _symbols;

    /// <param name="symbols">Class 1…N symbols; class 0 is the blank.</param>
    public CtcGreedyDecoder(IReadOnlyList<string> symbols)
    {
        _symbols = ["", .. symbols];
    }

    public int ClassCount => _symbols.Length;

    /// <summary>
    /// Reads a PaddleOCR dictionary (one symbol per line) and appends the space class. The model's class count
    /// must be entries + 2 (blank and space): a dictionary of another revision fails here, not silently later.
    /// </summary>
    public static CtcGreedyDecoder FromDictionary(string path, int modelClassCount)
    {
        var lines = File.ReadAllText(path, Encoding.UTF8).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count + 2 != modelClassCount)
            throw new ConfigurationException(path,
                $"dictionary has {lines.Count} entries; the recogniser's {modelClassCount} classes need {modelClassCount - 2} (blank and space are added to the entries)");
        lines.Add(" ");
        return new CtcGreedyDecoder(lines);
    }

    /// <param name="probabilities">[T × C] per-step class probabilities of one sequence.</param>
    public (string Text, float Confidence) Decode(ReadOnlySpan<float> probabilities, int timeSteps)
    {
        int classes = _symbols.Length;
        if (probabilities.Length != timeSteps * classes)
            throw new ArgumentException($"CTC output has {probabilities.Length} values, expected {timeSteps} × {classes}");
        var text = new StringBuilder();
        double sum = 0;
        int kept = 0, previous = -1;
        for (int t = 0; t < timeSteps; t++)
        {
            var step = probabilities.Slice(t * classes, classes);
            int best = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(step);
            if (best != 0 && best != previous)
            {
                text.Append(_symbols[best]);
                sum += step[best];
                kept++;
            }
            previous = best;
        }
        return (text.ToString(), kept == 0 ? 0f : (float)(sum / kept));
    }
}
