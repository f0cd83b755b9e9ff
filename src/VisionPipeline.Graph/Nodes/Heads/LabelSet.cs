using VisionPipeline.Core.Errors;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>Class names by index: from a labels file, the model's metadata, or "class N".</summary>
public sealed class LabelSet(IReadOnlyList<string> names)
{
    public IReadOnlyList<string> Names { get; } = names;

    public string this[int index] => index >= 0 && index < Names.Count ? Names[index] : $"class {index}";

    /// <summary>The class indexes of the given names; an unknown name is a configuration error.</summary>
    public IReadOnlySet<int>? Indexes(IReadOnlyCollection<string> keep, string where)
    {
        if (keep.Count == 0) return null;
        var set = new HashSet<int>();
        foreach (var name in keep)
        {
            int index = Names.ToList().IndexOf(name);
            if (index < 0 && name.StartsWith("class ", StringComparison.Ordinal) && int.TryParse(name[6..], out var n)) index = n;
            if (index < 0) throw new ConfigurationException(where, $"class '{name}' is not one of the model's labels{Core.Text.NameSuggestions.DidYouMean(name, Names)}");
            set.Add(index);
        }
        return set;
    }

    /// <summary>One label per line (the ImageNet list format: the first comma-separated name is used when asked).</summary>
    public static LabelSet FromFile(string path)
    {
        if (!File.Exists(path)) throw new ConfigurationException(path, "labels file not found");
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count == 0) throw new ConfigurationException(path, "labels file is empty");
        return new LabelSet(lines);
    }
}
