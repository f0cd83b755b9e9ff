using System.Globalization;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Text;

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
            var parts = LineFields.Split(text, ",");
            if (parts.Length == 0) continue;
            // At the first field that is no number, the fifth when there are more, the row's start when fewer.
            var bad = Array.FindIndex(parts, x => !float.TryParse(x.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            if (parts.Length != 4 || bad >= 0)
                throw new ConfigurationException(path, new TextPosition(line, parts[bad is >= 0 and < 4 ? bad : parts.Length > 4 ? 4 : 0].Column), "expected 4 numbers: cx cy w h");
            values.AddRange(parts.Select(x => float.Parse(x.Text, CultureInfo.InvariantCulture)));
        }
        return values.ToArray();
    }
}
