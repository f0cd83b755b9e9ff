using System.Globalization;

namespace VisionPipeline.Graph.Definition;

public enum ParamKind { Int, Float, Bool, String, Choice, StringList, IntList, FloatList }

/// <summary>A parameter a node kind accepts: its type, default, range or choices.</summary>
public sealed record ParamSpec(string Name, ParamKind Kind, string Description)
{
    public object? Default { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public IReadOnlyList<string>? Choices { get; init; }
    public bool Required { get; init; }

    public static ParamSpec Int(string name, int? @default, string description, int? min = null, int? max = null) =>
        new(name, ParamKind.Int, description) { Default = @default, Min = min, Max = max, Required = @default is null };

    public static ParamSpec Float(string name, double? @default, string description, double? min = null, double? max = null) =>
        new(name, ParamKind.Float, description) { Default = @default, Min = min, Max = max, Required = @default is null };

    public static ParamSpec Bool(string name, bool @default, string description) =>
        new(name, ParamKind.Bool, description) { Default = @default };

    public static ParamSpec Text(string name, string? @default, string description, bool required = false) =>
        new(name, ParamKind.String, description) { Default = @default, Required = required };

    public static ParamSpec Choice(string name, string @default, string description, params string[] choices) =>
        new(name, ParamKind.Choice, description) { Default = @default, Choices = choices };

    public static ParamSpec List(string name, string description) =>
        new(name, ParamKind.StringList, description) { Default = Array.Empty<string>() };

    public static ParamSpec IntList(string name, string description, int? length = null) =>
        new(name, ParamKind.IntList, description) { Default = Array.Empty<int>(), Length = length };

    public static ParamSpec FloatList(string name, string description, int? length = null) =>
        new(name, ParamKind.FloatList, description) { Default = Array.Empty<double>(), Length = length };

    /// <summary>For lists: the number of items required.</summary>
    public int? Length { get; init; }

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

/// <summary>A node's parameters after parsing, with the kind's defaults filled in.</summary>
public sealed class NodeParams(IReadOnlyDictionary<string, object?> values)
{
    public int Int(string name) => Convert.ToInt32(values[name], CultureInfo.InvariantCulture);
    public float Float(string name) => Convert.ToSingle(values[name], CultureInfo.InvariantCulture);
    public double Double(string name) => Convert.ToDouble(values[name], CultureInfo.InvariantCulture);
    public bool Bool(string name) => (bool)values[name]!;
    public string? Text(string name) => values[name] as string;
    public string[] List(string name) => values[name] as string[] ?? [];
    public int[] IntList(string name) => values[name] as int[] ?? [];
    public double[] FloatList(string name) => values[name] as double[] ?? [];
    public bool Has(string name) => values.TryGetValue(name, out var v) && v is not null;
}
