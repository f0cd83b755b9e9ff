using System.Text.RegularExpressions;
using Google.Protobuf;
using VisionPipeline.Core.Errors;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Inference.Onnx.Proto;

namespace VisionPipeline.Inference.Onnx;

/// <summary>
/// What an ONNX file says about itself without running it: input and output names, shapes and types, and the
/// metadata exporters store (Ultralytics: task, names, imgsz, stride).
/// </summary>
public sealed partial record OnnxModelInfo(IReadOnlyList<TensorInfo> Inputs, IReadOnlyList<TensorInfo> Outputs, IReadOnlyDictionary<string, string> Metadata)
{
    public static OnnxModelInfo Read(string path)
    {
        ModelProto model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or IOException)
        {
            throw new ConfigurationException(path, $"not a readable ONNX model: {e.Message}", inner: e);
        }
        if (model.Graph is null) throw new ConfigurationException(path, "the ONNX file has no graph");
        var initializers = model.Graph.Initializer.Select(i => i.Name).ToHashSet();
        return new OnnxModelInfo(
            model.Graph.Input.Where(i => !initializers.Contains(i.Name)).Select(Describe).ToList(),
            model.Graph.Output.Select(Describe).ToList(),
            model.MetadataProps.ToDictionary(p => p.Key, p => p.Value));
    }

    private static TensorInfo Describe(ValueInfoProto value)
    {
        var tensor = value.Type?.TensorType;
        var dims = tensor?.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : -1).ToArray() ?? [];
        var type = ((TensorProto.Types.DataType)(tensor?.ElemType ?? 0)).ToString().ToLowerInvariant();
        return new TensorInfo(value.Name, dims, type);
    }

    /// <summary>Class names from Ultralytics' "names" metadata ("{0: 'person', 1: 'bicycle'}"), by index.</summary>
    public IReadOnlyList<string>? Names
    {
        get
        {
            if (!Metadata.TryGetValue("names", out var text)) return null;
            var pairs = NamePattern().Matches(text).Select(m => (Index: int.Parse(m.Groups[1].Value), Name: m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value)).ToList();
            if (pairs.Count == 0) return null;
            var names = new string[pairs.Max(p => p.Index) + 1];
            for (int i = 0; i < names.Length; i++) names[i] = $"class {i}";
            foreach (var (index, name) in pairs) names[index] = name.Replace("\\'", "'");
            return names;
        }
    }

    /// <summary>Input [width, height] from Ultralytics' "imgsz" metadata ("[640, 640]", height first).</summary>
    public (int Width, int Height)? ImageSize
    {
        get
        {
            if (!Metadata.TryGetValue("imgsz", out var text)) return null;
            var numbers = Regex.Matches(text, @"\d+").Select(m => int.Parse(m.Value)).ToArray();
            return numbers.Length switch { 1 => (numbers[0], numbers[0]), >= 2 => (numbers[1], numbers[0]), _ => null };
        }
    }

    public string? Task => Metadata.GetValueOrDefault("task");

    [GeneratedRegex(@"(\d+)\s*:\s*(?:'((?:[^'\\]|\\.)*)'|""((?:[^""\\]|\\.)*)"")")]
    private static partial Regex NamePattern();
}
