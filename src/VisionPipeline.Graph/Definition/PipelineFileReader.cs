using VisionPipeline.Core.Yaml;
using VisionPipeline.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VisionPipeline.Graph.Definition;

/// <summary>
/// Reads a pipeline file (YAML). Structure errors are collected with their line; the result is checked
/// further by <see cref="PipelineBuilder.Check"/>.
/// </summary>
public static class PipelineFileReader
{
    private static readonly HashSet<string> TopLevelKeys = ["name", "description", "nodes"];

    public static PipelineDocument Read(string path)
    {
        string text;
        try
        {
            text = Core.Yaml.YamlFile.ReadText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PipelineValidationException([new PipelineError(path, null, null, $"cannot read the pipeline file: {e.Message}")]);
        }
        return Parse(path, text);
    }

    public static PipelineDocument Parse(string path, string text)
    {
        var errors = new List<PipelineError>();
        YamlNode? document;
        try
        {
            document = YamlDocuments.Load(path, text);
        }
        catch (YamlSyntaxError e)
        {
            throw new PipelineValidationException([new PipelineError(path, e.At, null, $"YAML syntax error: {e.Problem}")]);
        }
        if (document is not YamlMappingNode root)
            throw new PipelineValidationException([new PipelineError(path, TextPosition.StartOf(1), null, "expected a mapping with 'name' and 'nodes'")]);

        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>())
            if (!TopLevelKeys.Contains(key.Value ?? ""))
                errors.Add(new PipelineError(path, YamlDocuments.At(key), null,
                    $"unknown top-level key '{key.Value}' (expected name, description, nodes){Core.Text.NameSuggestions.DidYouMean(key.Value ?? "", TopLevelKeys)}"));

        string name = Scalar(root, "name") ?? System.IO.Path.GetFileNameWithoutExtension(path);
        string? description = Scalar(root, "description");
        var nodes = new List<NodeDefinition>();
        if (!root.Children.TryGetValue(new YamlScalarNode("nodes"), out var nodesNode) || nodesNode is not YamlSequenceNode sequence)
        {
            errors.Add(new PipelineError(path, YamlDocuments.At(root), null, "'nodes' must be a list of nodes"));
        }
        else
        {
            foreach (var item in sequence)
            {
                if (item is not YamlMappingNode mapping)
                {
                    errors.Add(new PipelineError(path, YamlDocuments.At(item), null, "each node must be a mapping with at least 'id' and 'kind'"));
                    continue;
                }
                var node = ReadNode(path, mapping, errors);
                if (node is not null) nodes.Add(node);
            }
        }
        if (errors.Count > 0) throw new PipelineValidationException(errors);
        return new PipelineDocument(path, name, description, nodes);
    }

    private static NodeDefinition? ReadNode(string path, YamlMappingNode mapping, List<PipelineError> errors)
    {
        string? id = Scalar(mapping, "id");
        string? kind = Scalar(mapping, "kind");
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(new PipelineError(path, YamlDocuments.At(mapping), null, "node has no 'id'"));
            return null;
        }
        if (string.IsNullOrWhiteSpace(kind))
        {
            errors.Add(new PipelineError(path, YamlDocuments.At(mapping), id, "node has no 'kind'"));
            return null;
        }

        var inputs = new Dictionary<string, IReadOnlyList<InputReference>>();
        var parameters = new Dictionary<string, ParamValue>();
        bool unnamed = false;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            switch (key)
            {
                case "id" or "kind":
                    break;
                case "input" or "inputs" when inputs.Count > 0:
                    errors.Add(new PipelineError(path, YamlDocuments.At(keyNode), id, "give the node's inputs once: 'input' or 'inputs', not both"));
                    break;
                case "input":
                    unnamed = true;
                    inputs[""] = References(path, id, valueNode, errors);
                    break;
                case "inputs" when valueNode is YamlMappingNode ports:
                    foreach (var (portKey, portValue) in ports.Children)
                        inputs[(portKey as YamlScalarNode)?.Value ?? ""] = References(path, id, portValue, errors);
                    break;
                case "inputs":
                    unnamed = true;
                    inputs[""] = References(path, id, valueNode, errors);
                    break;
                default:
                    var value = ReadParam(path, id, key, valueNode, errors);
                    if (value is not null) parameters[key] = value with { KeyAt = YamlDocuments.At(keyNode) };
                    break;
            }
        }
        return new NodeDefinition(id, kind, YamlDocuments.At(mapping))
        {
            Inputs = inputs, Params = parameters, InputsUnnamed = unnamed,
            IdAt = ValueAt(mapping, "id"), KindAt = ValueAt(mapping, "kind"),
        };
    }

    private static List<InputReference> References(string path, string node, YamlNode value, List<PipelineError> errors)
    {
        var list = new List<InputReference>();
        switch (value)
        {
            case YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value):
                list.Add(new InputReference(s.Value!, YamlDocuments.At(s)));
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq)
                {
                    if (item is YamlScalarNode { Value: { Length: > 0 } v }) list.Add(new InputReference(v, YamlDocuments.At(item)));
                    else errors.Add(new PipelineError(path, YamlDocuments.At(item), node, "an input must be a node id"));
                }
                break;
            default:
                errors.Add(new PipelineError(path, YamlDocuments.At(value), node, "an input must be a node id or a list of node ids"));
                break;
        }
        return list;
    }

    private static ParamValue? ReadParam(string path, string node, string key, YamlNode value, List<PipelineError> errors)
    {
        switch (value)
        {
            case YamlScalarNode s:
                return new ParamValue(key, YamlDocuments.At(value), s.Value, null);
            case YamlSequenceNode seq when seq.All(i => i is YamlScalarNode):
                return new ParamValue(key, YamlDocuments.At(value), null, seq.Select(i => ((YamlScalarNode)i).Value ?? "").ToList());
            default:
                errors.Add(new PipelineError(path, YamlDocuments.At(value), node, $"parameter '{key}' must be a value or a list of values"));
                return null;
        }
    }

    private static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    private static TextPosition ValueAt(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? YamlDocuments.At(value) : YamlDocuments.At(mapping);

}
