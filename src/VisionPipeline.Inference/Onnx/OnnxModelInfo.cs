using System.Collections.Concurrent;
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
    private static readonly ConcurrentDictionary<string, (long Length, DateTime Written, OnnxModelInfo Info)> Cache =
        new(StringComparer.Ordinal);

    /// <summary>
    /// The file's inputs, outputs and metadata, read once per file: a later call for the same full path returns the
    /// same object until the file's length or last-write time changes. The weights are skipped, not loaded.
    /// </summary>
    public static OnnxModelInfo Read(string path)
    {
        var full = Path.GetFullPath(path);
        var file = new FileInfo(full);
        if (file.Exists && Cache.TryGetValue(full, out var cached) && cached.Length == file.Length && cached.Written == file.LastWriteTimeUtc)
            return cached.Info;
        var info = ReadFile(path);
        if (file.Exists) Cache[full] = (file.Length, file.LastWriteTimeUtc, info);
        return info;
    }

    private static OnnxModelInfo ReadFile(string path)
    {
        OnnxHeaderReader.Header header;
        try
        {
            using var stream = File.OpenRead(path);
            header = new OnnxHeaderReader(stream).Read();
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or IOException)
        {
            throw new ConfigurationException(path, $"not a readable ONNX model: {e.Message}", inner: e);
        }
        if (!header.HasGraph) throw new ConfigurationException(path, "the ONNX file has no graph");
        var metadata = new Dictionary<string, string>();
        foreach (var entry in header.Metadata) metadata.Add(entry.Key, entry.Value);
        return new OnnxModelInfo(
            header.Inputs.Where(i => !header.Initializers.Contains(i.Name)).Select(Describe).ToList(),
            header.Outputs.Select(Describe).ToList(),
            metadata);
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

    /// <summary>Keypoints per pose and values per keypoint from Ultralytics' "kpt_shape" metadata ("[17, 3]").</summary>
    public (int Keypoints, int Values)? KeypointShape
    {
        get
        {
            if (!Metadata.TryGetValue("kpt_shape", out var text)) return null;
            var numbers = Regex.Matches(text, @"\d+").Select(m => int.Parse(m.Value)).ToArray();
            return numbers.Length == 2 && numbers[0] > 0 && numbers[1] is 2 or 3 ? (numbers[0], numbers[1]) : null;
        }
    }

    [GeneratedRegex(@"(\d+)\s*:\s*(?:'((?:[^'\\]|\\.)*)'|""((?:[^""\\]|\\.)*)"")")]
    private static partial Regex NamePattern();
}
