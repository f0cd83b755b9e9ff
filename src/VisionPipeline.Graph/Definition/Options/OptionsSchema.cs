using System.Globalization;
using System.Reflection;

namespace VisionPipeline.Graph.Definition.Options;

/// <summary>
/// The parameters an options record declares with <see cref="ParamAttribute"/> (base record's first, each in
/// declaration order), and the binding of parsed values to a new record. Built once per type; a declaration that
/// cannot work (an unsupported type, a choice with no member) fails when the type is first used.
/// </summary>
public sealed class OptionsSchema
{
    private sealed record Field(ParamSpec Spec, PropertyInfo Property, Func<object, object?> Convert);

    private readonly Func<object> _create;
    private readonly List<Field> _fields = [];

    private OptionsSchema(Type type, Func<object> create)
    {
        _create = create;
        var defaults = create();
        var hierarchy = new List<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType) hierarchy.Insert(0, t);
        var properties = hierarchy.SelectMany(t =>
            t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).OrderBy(p => p.MetadataToken));
        foreach (var property in properties)
        {
            if (property.GetCustomAttribute<ParamAttribute>(inherit: true) is not { } param) continue;
            var (kind, convert, display, choices) = Describe(type, property, param);
            var spec = new ParamSpec(param.Name, kind, param.Description)
            {
                Default = param.Required ? null : display(property.GetValue(defaults)),
                Min = double.IsNaN(param.Min) ? null : param.Min,
                Max = double.IsNaN(param.Max) ? null : param.Max,
                Choices = choices,
                Required = param.Required,
                Length = param.Length > 0 ? param.Length : null,
                IsOutputPath = param.IsOutputPath,
            };
            _fields.Add(new Field(spec, property, convert));
        }
        Params = _fields.Select(f => f.Spec).ToList();
    }

    /// <summary>The schema of <typeparamref name="T"/>.</summary>
    public static OptionsSchema Of<T>() where T : class, new() => Cache<T>.Schema;

    /// <summary>A new <typeparamref name="T"/> with the given parsed values set and every other parameter at its default.</summary>
    public static T Create<T>(IReadOnlyDictionary<string, object?> values) where T : class, new() => (T)Cache<T>.Schema.Create(values);

    private static class Cache<T> where T : class, new()
    {
        public static readonly OptionsSchema Schema = new(typeof(T), () => new T());
    }

    /// <summary>The declared parameters, in order: what `vision pipelines kinds` prints and what a file may set.</summary>
    public IReadOnlyList<ParamSpec> Params { get; }

    /// <summary>
    /// A new record with the parsed values (as <see cref="ParamSpec.TryParse"/> gives them, by parameter name) set;
    /// names this record does not declare are left to others.
    /// </summary>
    public object Create(IReadOnlyDictionary<string, object?> values)
    {
        var options = _create();
        foreach (var field in _fields)
            if (values.TryGetValue(field.Spec.Name, out var value) && value is not null)
                field.Property.SetValue(options, field.Convert(value));
        return options;
    }

    /// <summary>The files and folders under the output folder that the options name (a sink's `path` or `dir`).</summary>
    public IEnumerable<(ParamSpec Spec, string Path)> OutputPaths(object options) =>
        _fields.Where(f => f.Spec.IsOutputPath && f.Property.GetValue(options) is string).Select(f => (f.Spec, (string)f.Property.GetValue(options)!));

    /// <summary>An enum value as a file writes it: its member name in kebab case (LetterboxTopLeft → letterbox-top-left).</summary>
    public static string ChoiceName(Enum value) => Kebab(value.ToString());

    private static (ParamKind, Func<object, object?>, Func<object?, object?>, IReadOnlyList<string>?) Describe(Type owner, PropertyInfo property, ParamAttribute param)
    {
        var type = property.PropertyType;
        var enumType = Nullable.GetUnderlyingType(type) ?? type;
        static object? Same(object? v) => v;
        if (enumType.IsEnum) return DescribeChoice(owner, property, param, enumType, Nullable.GetUnderlyingType(type) is not null);
        if (type == typeof(string) && param.ChoiceNames is { } names) return (ParamKind.Choice, v => v, Same, names);
        if (type == typeof(float))
            return (ParamKind.Float, v => (float)(double)v, v => double.Parse(((float)v!).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), null);
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int32 => (ParamKind.Int, v => v, Same, null),
            TypeCode.Double => (ParamKind.Float, v => v, Same, null),
            TypeCode.Boolean => (ParamKind.Bool, v => v, Same, null),
            TypeCode.String => (ParamKind.String, v => v, Same, null),
            _ when type == typeof(string[]) => (ParamKind.StringList, v => v, Same, null),
            _ when type == typeof(int[]) => (ParamKind.IntList, v => v, Same, null),
            _ when type == typeof(double[]) => (ParamKind.FloatList, v => v, Same, null),
            _ => throw new InvalidOperationException($"{owner.Name}.{property.Name}: a parameter cannot be of type {type.Name}"),
        };
    }

    private static (ParamKind, Func<object, object?>, Func<object?, object?>, IReadOnlyList<string>?) DescribeChoice(
        Type owner, PropertyInfo property, ParamAttribute param, Type enumType, bool nullable)
    {
        var members = Enum.GetValues(enumType).Cast<Enum>().ToList();
        var names = param.ChoiceNames ?? members.Select(ChoiceName).ToList();
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var member = members.FirstOrDefault(m => string.Equals(m.ToString(), name.Replace("-", ""), StringComparison.OrdinalIgnoreCase));
            if (member is null && !nullable)
                throw new InvalidOperationException($"{owner.Name}.{property.Name}: choice '{name}' is no member of {enumType.Name}");
            values[name] = member;
        }
        object? Display(object? value) => names.FirstOrDefault(n => Equals(values[n], value));
        return (ParamKind.Choice, v => values[(string)v], Display, names);
    }

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
