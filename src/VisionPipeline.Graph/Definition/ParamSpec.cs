using System.Globalization;

namespace VisionPipeline.Graph.Definition;

public enum ParamKind { Int, Float, Bool, String, Choice, StringList, IntList, FloatList }

/// <summary>
/// A parameter a node kind accepts: its type, default, range or choices, as an options record declares it (see
/// <see cref="Options.ParamAttribute"/>); it parses and range-checks the values a file writes.
/// </summary>
public sealed record ParamSpec(string Name, ParamKind Kind, string Description)
{
    /// <summary>
    /// The default as shown: the options record's initial value (an enum as its choice name); for the model node's
    /// decoder parameters, a text naming each decoder's default. Null: no default (required, or unset).
    /// </summary>
    public object? Default { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public IReadOnlyList<string>? Choices { get; init; }
    public bool Required { get; init; }

    /// <summary>For lists: the number of items required.</summary>
    public int? Length { get; init; }

    /// <summary>The value names a file or folder under the run's output folder (a sink's `path` or `dir`).</summary>
    public bool IsOutputPath { get; init; }

    /// <summary>Parses and range-checks a value as written; returns an error message or null.</summary>
    public string? TryParse(ParamValue value, out object? parsed)
    {
        parsed = null;
        if (Kind is ParamKind.StringList or ParamKind.IntList or ParamKind.FloatList)
        {
            var items = value.Items ?? (value.Scalar is null ? [] : [value.Scalar]);
            if (Length is { } length && items.Count != length)
                return $"'{Name}' expects a list of {length} values, got {items.Count}";
            if (Kind == ParamKind.StringList)
            {
                parsed = items.ToArray();
                return null;
            }
            var numbers = new List<double>();
            foreach (var item in items)
            {
                double number = double.NaN;
                bool ok = Kind == ParamKind.IntList
                    ? int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && (number = i) == i
                    : double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
                if (ok) numbers.Add(number);
                if (!ok) return $"'{Name}' expects a list of {(Kind == ParamKind.IntList ? "integers" : "numbers")}, got '{item}'";
                if (RangeError(numbers[^1]) is { } error) return error;
            }
            parsed = Kind == ParamKind.IntList ? numbers.Select(n => (int)n).ToArray() : numbers.ToArray();
            return null;
        }
        if (value.IsList) return $"'{Name}' expects a single {KindText}, got a list";
        var text = value.Scalar ?? "";
        switch (Kind)
        {
            case ParamKind.Int:
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                    return $"'{Name}' expects an integer, got '{text}'";
                parsed = n;
                return RangeError(n);
            case ParamKind.Float:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
                    return $"'{Name}' expects a number, got '{text}'";
                parsed = d;
                return RangeError(d);
            case ParamKind.Bool:
                if (!bool.TryParse(text, out var b)) return $"'{Name}' expects true or false, got '{text}'";
                parsed = b;
                return null;
            case ParamKind.Choice:
                if (!Choices!.Contains(text))
                    return $"'{Name}' must be one of {string.Join(", ", Choices!)}, got '{text}'{Core.Text.NameSuggestions.DidYouMean(text, Choices!)}";
                parsed = text;
                return null;
            default:
                parsed = text;
                return null;
        }
    }

    private string? RangeError(double v)
    {
        if (Min is { } min && v < min || Max is { } max && v > max)
            return $"'{Name}' must be {RangeText}, got {v.ToString(CultureInfo.InvariantCulture)}";
        return null;
    }

    public string RangeText => (Min, Max) switch
    {
        ({ } a, { } b) => $"between {a.ToString(CultureInfo.InvariantCulture)} and {b.ToString(CultureInfo.InvariantCulture)}",
        ({ } a, null) => $"at least {a.ToString(CultureInfo.InvariantCulture)}",
        (null, { } b) => $"at most {b.ToString(CultureInfo.InvariantCulture)}",
        _ => "any value",
    };

    private string KindText => Kind.ToString().ToLowerInvariant();
}
