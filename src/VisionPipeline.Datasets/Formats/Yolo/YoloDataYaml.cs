using VisionPipeline.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Datasets.Formats.Yolo;

/// <summary>
/// Ultralytics <c>data.yaml</c>: dataset root (<c>path</c>), split image folders (<c>train</c>, <c>val</c>,
/// <c>test</c>) and class <c>names</c>, as a list or as an {index: name} map with indices 0..n-1.
/// </summary>
public sealed record YoloDataYaml(string Root, IReadOnlyList<string> Names, IReadOnlyList<(string Split, string ImageDirectory)> Splits)
{
    public const string FileName = "data.yaml";
    private static readonly string[] SplitKeys = ["train", "val", "test"];

    public static YoloDataYaml Load(string yamlPath)
    {
        if (!File.Exists(yamlPath)) throw new VisionException(yamlPath, "data.yaml does not exist");
        YamlNode? document;
        try
        {
            document = YamlDocuments.Load(yamlPath, YamlFile.ReadText(yamlPath));
        }
        catch (YamlSyntaxError e)
        {
            throw new VisionException(yamlPath, e.At, $"not valid YAML: {e.Problem}", e);
        }
        if (document is not YamlMappingNode root)
            throw new VisionException(yamlPath, "expected a mapping with names and train/val folders");

        var yamlDirectory = Path.GetDirectoryName(Path.GetFullPath(yamlPath))!;
        var datasetRoot = Scalar(root, "path") is { } p ? Path.GetFullPath(Path.Combine(yamlDirectory, p)) : yamlDirectory;
        if (!Directory.Exists(datasetRoot)) datasetRoot = yamlDirectory;

        var names = ReadNames(yamlPath, root);
        var splits = new List<(string, string)>();
        foreach (var key in SplitKeys)
        {
            if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node)) continue;
            if (node is not YamlScalarNode { Value: { Length: > 0 } folder })
                throw new VisionException(yamlPath, YamlDocuments.At(node), $"{key}: expected one folder of images (lists of folders are not supported)");
            var directory = Path.GetFullPath(Path.Combine(datasetRoot, folder));
            if (File.Exists(directory))
                throw new VisionException(yamlPath, YamlDocuments.At(node), $"{key}: '{folder}' is an image list file; give a folder of images instead");
            if (!Directory.Exists(directory))
                throw new VisionException(yamlPath, YamlDocuments.At(node), $"{key}: image folder '{folder}' does not exist (looked in {directory})");
            splits.Add((key, directory));
        }
        if (splits.Count == 0) throw new VisionException(yamlPath, "no train, val or test image folder is given");
        if (Scalar(root, "nc") is { } nc && (!int.TryParse(nc, out var count) || count != names.Count))
            throw new VisionException(yamlPath, YamlDocuments.At(root.Children[new YamlScalarNode("nc")]), $"nc is {nc} but names lists {names.Count} classes");
        if (root.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: "kpt_shape" }) is { } pose)
            throw new VisionException(yamlPath, YamlDocuments.At(pose), "pose datasets (kpt_shape) are not supported; only box and segment labels are");
        return new YoloDataYaml(datasetRoot, names, splits);
    }

    /// <summary>The labels folder of an images folder: its last "images" path segment replaced by "labels".</summary>
    public static string LabelDirectory(string imageDirectory)
    {
        var parts = Path.GetFullPath(imageDirectory).TrimEnd(Path.DirectorySeparatorChar).Split(Path.DirectorySeparatorChar);
        var index = Array.LastIndexOf(parts, "images");
        if (index < 0) return imageDirectory;
        parts[index] = "labels";
        return string.Join(Path.DirectorySeparatorChar, parts);
    }

    private static List<string> ReadNames(string file, YamlMappingNode root)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode("names"), out var node))
            throw new VisionException(file, "names is missing (a list of class names or an {index: name} map)");
        switch (node)
        {
            case YamlSequenceNode list:
                return list.Children.Select(n => n is YamlScalarNode { Value: { } v } ? v
                    : throw new VisionException(file, YamlDocuments.At(n), "names: every entry must be a class name")).ToList();
            case YamlMappingNode map:
                var byIndex = new SortedDictionary<int, string>();
                foreach (var (key, value) in map.Children)
                {
                    if (key is not YamlScalarNode { Value: { } k } || !int.TryParse(k, out var index) || index < 0)
                        throw new VisionException(file, YamlDocuments.At(key), $"names: key '{key}' is not a class index");
                    byIndex[index] = value is YamlScalarNode { Value: { } v } ? v
                        : throw new VisionException(file, YamlDocuments.At(value), $"names: class {index} has no name");
                }
                if (byIndex.Count > 0 && byIndex.Keys.Last() != byIndex.Count - 1)
                    throw new VisionException(file, YamlDocuments.At(map), $"names: indices must run 0..{byIndex.Count - 1} without gaps");
                return byIndex.Values.ToList();
            default:
                throw new VisionException(file, YamlDocuments.At(node), "names must be a list or an {index: name} map");
        }
    }

    private static string? Scalar(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { Length: > 0 } v } ? v : null;

}
