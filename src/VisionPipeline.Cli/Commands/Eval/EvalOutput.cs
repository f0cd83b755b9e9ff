using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using VisionPipeline.Evaluation.Reports;
using VisionPipeline.Graph.Output;

namespace VisionPipeline.Cli.Commands.Eval;

/// <summary>The outputs every `vision eval` command shares: --json (metrics file) and --report (HTML folder).</summary>
internal sealed class EvalOutput
{
    /// <summary>Prints a ground-truth dataset's warnings; those that cost an image become one problem (exit 1).</summary>
    public static List<string> TruthWarnings(TextWriter stderr, VisionPipeline.Datasets.Dataset dataset)
    {
        foreach (var w in dataset.Warnings.Items) stderr.WriteLine($"warning: {w}");
        int skipped = dataset.Warnings.Skipped;
        return skipped > 0 ? [$"{dataset.ImageRoot}: {skipped} ground-truth inputs were not read (see the warnings above)"] : [];
    }

    public Option<string?> Json { get; } = new("--json") { Description = "Write the metrics to this JSON file (full double precision)" };
    public Option<string?> Report { get; } = new("--report") { Description = "Write report.html (self-contained, opens offline) into this folder" };

    public void AddTo(Command command)
    {
        command.Options.Add(Json);
        command.Options.Add(Report);
    }

    /// <summary>Writes the JSON file whole or not at all; doubles in their shortest round-trip form.</summary>
    public static void WriteJson(string path, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        AtomicFile.WriteAllBytes(path, buffer.ToArray());
    }

    public static string WriteReport(string directory, HtmlReport report)
    {
        var path = Path.Combine(directory, "report.html");
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(report.ToString()));
        return path;
    }

    public static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }

    /// <summary>A table cell: four decimals, "-1" kept for undefined COCO values, "n/a" for null.</summary>
    public static string Cell(double? value) => value switch
    {
        null => "n/a",
        -1 => "-1",
        { } v => v.ToString("0.0000", CultureInfo.InvariantCulture),
    };
}
