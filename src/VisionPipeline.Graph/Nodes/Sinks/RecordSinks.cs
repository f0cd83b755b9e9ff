using System.Globalization;
using System.Text;
using System.Text.Json;
using VisionPipeline.Core.Results;
using VisionPipeline.Graph.Output;

namespace VisionPipeline.Graph.Nodes.Sinks;

/// <summary>results.jsonl: one line per image with the targets of the sink's inputs.</summary>
public sealed class JsonlSink(string id, OutputLayout layout, string relativePath, IReadOnlySet<string> nodes) : IRecordSink, IDisposable
{
    private ResultsFile? _file;

    /// <summary>The nodes whose targets this sink writes.</summary>
    public IReadOnlySet<string> Nodes { get; } = nodes;

    public string Id { get; } = id;
    public string RelativePath { get; } = relativePath;

    public void Write(long index, ImageRecord record)
    {
        _file ??= new ResultsFile(layout.Full(RelativePath));
        _file.Write(record with
        {
            Detections = record.Detections.Where(d => Nodes.Contains(d.Node)).ToArray(),
            Masks = record.Masks.Where(m => Nodes.Contains(m.Node)).ToArray(),
            Embeddings = record.Embeddings?.Where(e => Nodes.Contains(e.Node)).ToArray() is { Length: > 0 } e ? e : null,
        });
    }

    /// <summary>Gives the file its final name; a later Write starts a new run's file.</summary>
    public void Complete()
    {
        _file ??= new ResultsFile(layout.Full(RelativePath));
        _file.Complete();
        _file = null;
    }

    public void Dispose() => _file?.Dispose();
}

/// <summary>
/// COCO detection results (the list pycocotools' loadRes reads): image_id is the image's 1-based position in the
/// input list, category_id the label's 1-based position in the sink's categories.
/// </summary>
public sealed class CocoSink(string id, OutputLayout layout, string relativePath, IReadOnlySet<string> nodes, IReadOnlyList<string> categories) : IRecordSink
{
    private readonly List<(long Image, int Category, float[] Box, float Score)> _results = [];

    public string Id { get; } = id;
    public string RelativePath { get; } = relativePath;

    public void Write(long index, ImageRecord record)
    {
        foreach (var d in record.Detections.Where(d => nodes.Contains(d.Node)))
        {
            int category = Categories.IndexOf(categories, d.Label);
            if (category < 0) continue;
            _results.Add((index + 1, category + 1, [d.Box[0], d.Box[1], d.Box[2] - d.Box[0], d.Box[3] - d.Box[1]], d.Score));
        }
    }

    public void Complete()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var r in _results)
            {
                json.WriteStartObject();
                json.WriteNumber("image_id", r.Image);
                json.WriteNumber("category_id", r.Category);
                json.WriteStartArray("bbox");
                foreach (var v in r.Box) json.WriteNumberValue(v);
                json.WriteEndArray();
                json.WriteNumber("score", r.Score);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        AtomicFile.WriteAllBytes(layout.Full(RelativePath), buffer.ToArray());
        _results.Clear();
    }
}

/// <summary>A CSV row per detection: image, node, label, score, box, text.</summary>
public sealed class CsvSink(string id, OutputLayout layout, string relativePath, IReadOnlySet<string> nodes) : IRecordSink
{
    private const string Header = "image,node,label,score,x1,y1,x2,y2,text\n";
    private readonly StringBuilder _rows = new(Header);

    public string Id { get; } = id;
    public string RelativePath { get; } = relativePath;

    public void Write(long index, ImageRecord record)
    {
        foreach (var d in record.Detections.Where(d => nodes.Contains(d.Node)))
        {
            _rows.AppendJoin(',', Quote(record.Image), Quote(d.Node), Quote(d.Label), Number(d.Score),
                Number(d.Box[0]), Number(d.Box[1]), Number(d.Box[2]), Number(d.Box[3]), Quote(d.Text ?? ""));
            _rows.Append('\n');
        }
    }

    public void Complete()
    {
        AtomicFile.WriteAllBytes(layout.Full(RelativePath), Encoding.UTF8.GetBytes(_rows.ToString()));
        _rows.Clear().Append(Header);
    }

    private static string Number(float v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
}

internal static class Categories
{
    public static int IndexOf(IReadOnlyList<string> categories, string label)
    {
        for (int i = 0; i < categories.Count; i++)
            if (categories[i] == label) return i;
        return -1;
    }
}
