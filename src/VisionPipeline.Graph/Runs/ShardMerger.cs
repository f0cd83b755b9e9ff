using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Results;
using VisionPipeline.Graph.Output;

namespace VisionPipeline.Graph.Runs;

/// <summary>
/// Joins the output folders of the shards of one run into what a single run would have written: results.jsonl
/// and CSV files in input order, COCO results sorted by image id, and every per-image file copied.
/// </summary>
public static class ShardMerger
{
    public sealed record MergeSummary(int Images, int Files);

    public static MergeSummary Merge(IReadOnlyList<string> shardDirectories, string output)
    {
        foreach (var dir in shardDirectories)
            if (!Directory.Exists(dir)) throw new ConfigurationException(dir, "shard output folder not found");
        var target = Path.GetFullPath(output);
        Directory.CreateDirectory(target);

        int images = 0, files = 0;
        var relativeFiles = shardDirectories
            .SelectMany(d => FolderWalk.FilesBelow(d).Select(f => (Dir: d, Relative: Path.GetRelativePath(d, f))))
            .Where(f => !f.Relative.EndsWith(".partial", StringComparison.Ordinal) && !AtomicFile.IsTemporary(Path.GetFileName(f.Relative)))
            .GroupBy(f => f.Relative, StringComparer.Ordinal);

        foreach (var group in relativeFiles)
        {
            var destination = Path.Combine(target, group.Key);
            var sources = group.Select(g => Path.Combine(g.Dir, g.Relative)).ToList();
            switch (Path.GetExtension(group.Key).ToLowerInvariant())
            {
                case ".jsonl":
                    var records = sources.SelectMany(ReadRecords).OrderBy(r => r.Record.Image, StringComparer.Ordinal).ToList();
                    images += records.Count;
                    AtomicFile.WriteAllBytes(destination, Encoding.UTF8.GetBytes(string.Concat(records.Select(r => r.Line + "\n"))));
                    break;
                case ".csv":
                    var lines = sources.Select(File.ReadAllLines).ToList();
                    var header = lines[0].FirstOrDefault() ?? "";
                    var rows = lines.SelectMany(l => l.Skip(1)).Select((row, i) => (Key: FirstField(row), Order: i, Row: row))
                        .OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Order).Select(r => r.Row);
                    AtomicFile.WriteAllBytes(destination, Encoding.UTF8.GetBytes(string.Join('\n', rows.Prepend(header)) + "\n"));
                    break;
                case ".json" when sources.Count > 1 && IsCocoResults(sources[0]):
                    var results = sources.SelectMany(s => JsonNode.Parse(File.ReadAllText(s))!.AsArray().Select(n => n!.DeepClone()))
                        .Select((n, i) => (Id: n["image_id"]!.GetValue<long>(), Order: i, Node: n))
                        .OrderBy(r => r.Id).ThenBy(r => r.Order).Select(r => r.Node).ToArray();
                    AtomicFile.WriteAllBytes(destination, Encoding.UTF8.GetBytes(new JsonArray(results).ToJsonString()));
                    break;
                default:
                    if (sources.Count > 1)
                        throw new VisionException(group.Key, $"appears in {sources.Count} shards; shards of one run never write the same image file");
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    File.Copy(sources[0], destination, overwrite: true);
                    break;
            }
            files++;
        }
        return new MergeSummary(images, files);
    }

    /// <summary>The first CSV field, unquoted ("a,b.jpg" stays one field).</summary>
    private static string FirstField(string row)
    {
        if (!row.StartsWith('"')) return row.Split(',')[0];
        var field = new StringBuilder();
        for (int i = 1; i < row.Length; i++)
        {
            if (row[i] == '"' && i + 1 < row.Length && row[i + 1] == '"') { field.Append('"'); i++; }
            else if (row[i] == '"') break;
            else field.Append(row[i]);
        }
        return field.ToString();
    }

    /// <summary>A COCO results file: a JSON array of objects with an image_id.</summary>
    private static bool IsCocoResults(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) is JsonArray array && array.All(n => n is JsonObject o && o.ContainsKey("image_id"));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IEnumerable<(string Line, ImageRecord Record)> ReadRecords(string path)
    {
        int number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0) continue;
            ImageRecord record;
            try { record = ResultJson.Deserialize(line); }
            catch (JsonException e) { throw new VisionException(path, new TextPosition(number, JsonLocator.OfText(line, e)?.Column ?? 1), $"not a results line: {e.Message}"); }
            yield return (line, record);
        }
    }
}
