using System.Globalization;
using OpenCvSharp;
using VisionPipeline.Augmentation.Transforms;
using VisionPipeline.Augmentation.Warps;
using VisionPipeline.Core.Text;
using YamlDotNet.RepresentationModel;

namespace VisionPipeline.Augmentation.Recipes;

/// <summary>
/// The parameters of one recipe entry, read by the transform's factory: each read names a key, its default and its
/// bounds; a missing key takes the default, a bad value is an error at its line and column. The keys read are the keys the
/// transform takes, so anything else in the entry is reported as unknown with a suggestion.
/// </summary>
public sealed class RecipeParams(string file, string kind, YamlMappingNode node, List<RecipeError> errors)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Known => _read;

    public double Number(string key, double fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        _read.Add(key);
        if (Value(key) is not { } value) return fallback;
        if (value is YamlScalarNode s && TryNumber(s, out double x) && x >= min && x <= max) return x;
        Error(value, $"'{key}' must be a number{Bounds(min, max)}");
        return fallback;
    }

    public int Integer(string key, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        double x = Number(key, fallback, min, max);
        if (x != Math.Floor(x)) Error(Value(key)!, $"'{key}' must be a whole number");
        return (int)x;
    }

    /// <summary>[low, high], or one number: the range [−x, x] when <paramref name="symmetric"/>, else exactly x.</summary>
    public ValueRange Range(string key, ValueRange fallback, double min = double.MinValue, double max = double.MaxValue, bool symmetric = false)
    {
        _read.Add(key);
        if (Value(key) is not { } value) return fallback;
        string expected = symmetric ? "a number x (the range [-x, x]) or [low, high]" : "a number or [low, high]";
        switch (value)
        {
            case YamlScalarNode s when TryNumber(s, out double x):
                var range = symmetric ? ValueRange.Symmetric(x) : ValueRange.Fixed(x);
                if (range.Low >= min && range.High <= max) return range;
                break;
            case YamlSequenceNode { Children.Count: 2 } seq
                when seq[0] is YamlScalarNode a && seq[1] is YamlScalarNode b && TryNumber(a, out double low) && TryNumber(b, out double high):
                if (low <= high && low >= min && high <= max) return new ValueRange(low, high);
                if (low > high)
                {
                    Error(value, $"'{key}': low {low} is above high {high}");
                    return fallback;
                }
                break;
        }
        Error(value, $"'{key}' must be {expected}{Bounds(min, max)}");
        return fallback;
    }

    public bool Flag(string key, bool fallback)
    {
        _read.Add(key);
        if (Value(key) is not { } value) return fallback;
        if (value is YamlScalarNode { Value: "true" or "false" } s) return s.Value == "true";
        Error(value, $"'{key}' must be true or false");
        return fallback;
    }

    public T Choice<T>(string key, T fallback, IReadOnlyDictionary<string, T> choices)
    {
        _read.Add(key);
        if (Value(key) is not { } value) return fallback;
        if (value is YamlScalarNode { Value: { } name } && choices.TryGetValue(name, out var chosen)) return chosen;
        string given = (value as YamlScalarNode)?.Value ?? "";
        Error(value, $"'{key}' must be one of {string.Join("|", choices.Keys)}, not '{given}'{NameSuggestions.DidYouMean(given, choices.Keys)}");
        return fallback;
    }

    /// <summary>interpolation, border and fill: how a warp resamples and fills what it uncovers.</summary>
    public BorderStyle Style(byte fill = 0) => new(
        Choice("interpolation", InterpolationFlags.Linear, Interpolations),
        Choice("border", BorderTypes.Constant, Borders),
        (byte)Integer("fill", fill, 0, 255));

    public InterpolationFlags Interpolation() => Choice("interpolation", InterpolationFlags.Linear, Interpolations);

    public static IReadOnlyDictionary<string, InterpolationFlags> Interpolations { get; } = new Dictionary<string, InterpolationFlags>
    {
        ["linear"] = InterpolationFlags.Linear, ["nearest"] = InterpolationFlags.Nearest, ["cubic"] = InterpolationFlags.Cubic,
        ["area"] = InterpolationFlags.Area, ["lanczos"] = InterpolationFlags.Lanczos4,
    };

    public static IReadOnlyDictionary<string, BorderTypes> Borders { get; } = new Dictionary<string, BorderTypes>
    {
        ["constant"] = BorderTypes.Constant, ["replicate"] = BorderTypes.Replicate, ["reflect"] = BorderTypes.Reflect,
        ["reflect101"] = BorderTypes.Reflect101, ["wrap"] = BorderTypes.Wrap,
    };

    /// <summary>Reports a problem with the entry as a whole (at its start).</summary>
    public void Error(string message) => Error(node, message);

    /// <summary>Reports a problem at the value of <paramref name="key"/> (at the entry's start when it is not written).</summary>
    public void Error(string key, string message) => Error(Value(key) ?? node, message);

    private void Error(YamlNode at, string message) => errors.Add(new RecipeError(file, RecipeError.Of(at), $"{kind}: {message}"));

    private YamlNode? Value(string key) => node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static bool TryNumber(YamlScalarNode s, out double x) =>
        double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out x) && double.IsFinite(x);

    private static string Bounds(double min, double max) => (min, max) switch
    {
        (double.MinValue, double.MaxValue) => "",
        (_, double.MaxValue) => $" (at least {min})",
        (double.MinValue, _) => $" (at most {max})",
        _ => $" between {min} and {max}",
    };
}
