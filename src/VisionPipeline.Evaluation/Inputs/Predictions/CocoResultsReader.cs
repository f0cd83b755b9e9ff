using System.Text.Json;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets;
using VisionPipeline.Datasets.Masks;

namespace VisionPipeline.Evaluation.Inputs.Predictions;

/// <summary>
/// A COCO results file: a JSON array of {image_id, category_id, bbox?, segmentation?, score}. Segmentations may be
/// polygons or RLE with compressed (string) or uncompressed (list) counts. Errors name the line and column of the
/// offending value (the file is read again for it, only then) and the result's index.
/// </summary>
public static class CocoResultsReader
{
    public static List<PredictedObject> Read(string path)
    {
        if (!File.Exists(path)) throw new ConfigurationException(path, "results file not found");
        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new VisionException(path, JsonLocator.Of(path, e), $"not valid JSON: {e.Message.Split(". ")[0]}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new VisionException(path, JsonLocator.Find(path, ""), "a COCO results file is a JSON array of detections");
            var results = new List<PredictedObject>(document.RootElement.GetArrayLength());
            int index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                string? field = null;
                try
                {
                    results.Add(Parse(item, ref field));
                }
                catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
                {
                    throw new VisionException(path, JsonLocator.Find(path, field is null ? $"[{index}]" : $"[{index}].{field}"), $"result #{index}: {e.Message}");
                }
                index++;
            }
            return results;
        }
    }

    /// <param name="field">set to the JSON path (within the result) of the value being read, so an error can be placed</param>
    private static PredictedObject Parse(JsonElement item, ref string? field)
    {
        if (item.ValueKind != JsonValueKind.Object) throw new FormatException("each result must be an object");
        field = "image_id";
        long image = Id(Required(item, "image_id"), "image_id");
        field = "category_id";
        long category = Id(Required(item, "category_id"), "category_id");
        field = "score";
        double score = Finite(Required(item, "score").GetDouble(), "score");
        BoxXywh? box = null;
        if (item.TryGetProperty("bbox", out var b) && b.ValueKind == JsonValueKind.Array && b.GetArrayLength() > 0)
        {
            field = "bbox";
            if (b.GetArrayLength() != 4) throw new FormatException("bbox must be [x, y, width, height]");
            var xywh = new double[4];
            for (var k = 0; k < 4; k++)
            {
                field = $"bbox[{k}]";
                xywh[k] = Finite(b[k].GetDouble(), "bbox");
            }
            box = new BoxXywh(xywh[0], xywh[1], xywh[2], xywh[3]);
        }
        field = "segmentation";
        VisionPipeline.Datasets.Segmentation? segmentation = item.TryGetProperty("segmentation", out var s) && s.ValueKind != JsonValueKind.Null ? ParseSegmentation(s, ref field) : null;
        field = null;
        if (box is null && segmentation is null) throw new FormatException("a result needs a bbox or a segmentation");
        return new PredictedObject(image, category, box, score, segmentation);
    }

    private static VisionPipeline.Datasets.Segmentation ParseSegmentation(JsonElement s, ref string? field)
    {
        if (s.ValueKind == JsonValueKind.Array)
            return new PolygonSegmentation(s.EnumerateArray().Select(p => p.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToList());
        field = "segmentation.size";
        var size = Required(s, "size");
        if (size.ValueKind != JsonValueKind.Array || size.GetArrayLength() != 2) throw new FormatException("RLE size must be [height, width]");
        int height = size[0].GetInt32(), width = size[1].GetInt32();
        field = "segmentation.counts";
        var counts = Required(s, "counts");
        return counts.ValueKind == JsonValueKind.String
            ? new RleSegmentation(Rle.FromCompressedString(counts.GetString()!, height, width))
            : new RleSegmentation(new Rle(height, width, counts.EnumerateArray().Select(c => c.GetUInt32()).ToList()), Compressed: false);
    }

    /// <summary>An integer id; numpy writes integral floats (1.0), which pycocotools accepts too.</summary>
    private static long Id(JsonElement e, string name)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var id)) return id;
        if (e.ValueKind == JsonValueKind.Number && e.GetDouble() is var d && d == Math.Floor(d) && Math.Abs(d) < 9e15) return (long)d;
        throw new FormatException($"\"{name}\" must be an integer");
    }

    private static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new FormatException($"\"{name}\" is not a finite number");

    private static JsonElement Required(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v : throw new KeyNotFoundException($"missing \"{name}\"");
}
