using System.Globalization;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Graph.Definition.Model;

/// <summary>An SSD priors file: one "cx cy w h" line per anchor (spaces, commas or tabs), normalised.</summary>
public static class PriorsFile
{
    /// <summary>The priors, four numbers per anchor; a line that is not four numbers is a configuration error.</summary>
    public static float[] Read(string path)
    {
        if (!File.Exists(path)) throw new ConfigurationException(path, "priors file not found");
        var values = new List<float>();
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            var parts = text.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            if (parts.Length != 4 || !parts.All(x => float.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                throw new ConfigurationException(path, "expected 4 numbers: cx cy w h", $"line {line}");
            values.AddRange(parts.Select(x => float.Parse(x, CultureInfo.InvariantCulture)));
        }
        return values.ToArray();
    }
}
