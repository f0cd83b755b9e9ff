using VisionPipeline.Core.Yaml;
using VisionPipeline.Augmentation.Composition;
using VisionPipeline.Augmentation.Transforms;
using VisionPipeline.Augmentation.Warps;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VisionPipeline.Augmentation.Recipes;

/// <summary>
/// Reads an augmentation recipe (YAML, in the style of pipeline files): name, description, min_visibility,
/// min_area and a list of transforms, each a mapping with its <c>kind</c>, an optional probability <c>p</c> and its
/// parameters; <c>sequence</c>, <c>one_of</c> and <c>some_of</c> (with <c>n</c>) hold further <c>transforms</c>.
/// Every problem is collected with its line and column before anything runs.
/// </summary>
public static class RecipeReader
{
    private static readonly string[] TopLevelKeys = ["name", "description", "min_visibility", "min_area", "transforms"];
    private static readonly string[] Compositions = ["sequence", "one_of", "some_of"];

    public static Recipe Read(string path)
    {
        string text;
        try
        {
            text = Core.Yaml.YamlFile.ReadText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecipeValidationException([new RecipeError(path, null, $"cannot read the recipe: {e.Message}")]);
        }
        return Parse(path, text);
    }

    public static Recipe Parse(string path, string text)
    {
        YamlNode? document;
        try
        {
            document = YamlDocuments.Load(path, text);
        }
        catch (YamlSyntaxError e)
        {
            throw new RecipeValidationException([new RecipeError(path, e.At, $"YAML syntax error: {e.Problem}")]);
        }
        if (document is not YamlMappingNode root)
            throw new RecipeValidationException([new RecipeError(path, TextPosition.StartOf(1), "expected a mapping with 'name' and 'transforms'")]);

        var errors = new List<RecipeError>();
        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>())
            if (!TopLevelKeys.Contains(key.Value))
                errors.Add(new RecipeError(path, At(key), $"unknown top-level key '{key.Value}' (expected {string.Join(", ", TopLevelKeys)}){NameSuggestions.DidYouMean(key.Value ?? "", TopLevelKeys)}"));

        var top = new RecipeParams(path, "recipe", root, errors);
        var rules = new TargetRules(top.Number("min_visibility", 0, 0, 1), top.Number("min_area", 1, 0, double.MaxValue));
        string name = Scalar(root, "name") ?? Path.GetFileNameWithoutExtension(path);
        string? description = Scalar(root, "description");

        var children = ReadList(path, root, root, errors);
        if (errors.Count > 0) throw new RecipeValidationException(errors);
        return new Recipe(path, name, description, new Augmenter(children, rules));
    }

    private static List<TransformNode> ReadList(string path, YamlMappingNode parent, YamlNode at, List<RecipeError> errors)
    {
        var nodes = new List<TransformNode>();
        if (!parent.Children.TryGetValue(new YamlScalarNode("transforms"), out var value) || value is not YamlSequenceNode sequence)
        {
            errors.Add(new RecipeError(path, At(at), "'transforms' must be a list of transforms"));
            return nodes;
        }
        foreach (var item in sequence)
        {
            if (item is not YamlMappingNode mapping)
            {
                errors.Add(new RecipeError(path, At(item), "each transform must be a mapping with at least 'kind'"));
                continue;
            }
            if (ReadNode(path, mapping, errors) is { } node) nodes.Add(node);
        }
        return nodes;
    }

    private static TransformNode? ReadNode(string path, YamlMappingNode mapping, List<RecipeError> errors)
    {
        string? kind = Scalar(mapping, "kind");
        if (string.IsNullOrWhiteSpace(kind))
        {
            errors.Add(new RecipeError(path, At(mapping), "transform has no 'kind'"));
            return null;
        }
        var parameters = new RecipeParams(path, kind, mapping, errors);
        double probability = parameters.Number("p", 1, 0, 1);
        var allowed = new List<string> { "kind" };
        TransformNode? node;
        if (Compositions.Contains(kind))
        {
            allowed.Add("transforms");
            int errorsBefore = errors.Count;
            var children = ReadList(path, mapping, mapping, errors);
            int n = kind == "some_of" ? parameters.Integer("n", 1, 0, int.MaxValue) : 0;
            node = null;
            if (errors.Count == errorsBefore)
            {
                if (kind == "one_of" && children.Count == 0) parameters.Error("needs at least one transform");
                else if (kind == "some_of" && n > children.Count) parameters.Error("n", $"'n' is {n} but there are only {children.Count} transforms");
                else node = kind switch
                {
                    "sequence" => new Sequence(children) { Probability = probability },
                    "one_of" => new OneOf(children) { Probability = probability },
                    _ => new SomeOf(n, children) { Probability = probability },
                };
            }
        }
        else if (TransformCatalog.Find(kind) is { } entry)
        {
            var transform = entry.Create(parameters);
            transform.Probability = probability;
            node = transform;
        }
        else
        {
            var known = TransformCatalog.Names.Concat(Compositions).ToList();
            var kindValue = mapping.Children[new YamlScalarNode("kind")];
            errors.Add(new RecipeError(path, At(kindValue), $"unknown transform '{kind}'{NameSuggestions.DidYouMean(kind, known)}"));
            return null;
        }

        allowed.AddRange(parameters.Known);
        foreach (var key in mapping.Children.Keys.OfType<YamlScalarNode>())
            if (!allowed.Contains(key.Value ?? ""))
                errors.Add(new RecipeError(path, At(key),
                    $"{kind}: unknown parameter '{key.Value}'{NameSuggestions.DidYouMean(key.Value ?? "", allowed)} (it takes: {string.Join(", ", allowed.Skip(1))})"));
        return node;
    }

    private static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    private static TextPosition At(YamlNode node) => RecipeError.Of(node);
}
