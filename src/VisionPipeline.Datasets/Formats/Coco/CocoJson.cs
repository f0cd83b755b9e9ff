using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisionPipeline.Datasets.Formats.Coco;

// The COCO file as it is on disk; CocoReader validates it and turns it into the dataset model.
internal sealed class CocoFileJson
{
    public List<CocoImageJson>? Images { get; set; }
    public List<CocoAnnotationJson>? Annotations { get; set; }
    public List<CocoCategoryJson>? Categories { get; set; }

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new CocoSegmentationConverter() },
        AllowTrailingCommas = false,
    };
}

// Ids are nullable so that a missing one is reported rather than read as 0.
internal sealed class CocoImageJson
{
    public long? Id { get; set; }
    public string? FileName { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public string? Split { get; set; }
}

internal sealed class CocoCategoryJson
{
    public long? Id { get; set; }
    public string? Name { get; set; }
    public string? Supercategory { get; set; }
    public List<string>? Keypoints { get; set; }
    public List<int[]>? Skeleton { get; set; }
}

internal sealed class CocoAnnotationJson
{
    public long? Id { get; set; }
    public long? ImageId { get; set; }
    public long? CategoryId { get; set; }
    public double[]? Bbox { get; set; }
    public CocoSegmentationJson? Segmentation { get; set; }
    public double? Area { get; set; }
    public int Iscrowd { get; set; }
    public double[]? Keypoints { get; set; }
    public int? NumKeypoints { get; set; }
    public double? Score { get; set; }
    public int? Ignore { get; set; }
    public int? Difficult { get; set; }
    public int? Truncated { get; set; }
}

/// <summary>Either polygons, or a run-length mask whose counts are a compressed string or a plain list.</summary>
internal sealed class CocoSegmentationJson
{
    public List<double[]>? Polygons { get; init; }
    public int[]? Size { get; init; }
    public string? CompressedCounts { get; init; }
    public List<uint>? Counts { get; init; }
}

internal sealed class CocoSegmentationConverter : JsonConverter<CocoSegmentationJson>
{
    public override CocoSegmentationJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            var polygons = new List<double[]>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                    throw new JsonException("segmentation must be a list of polygons (lists of x, y numbers) or an RLE object");
                polygons.Add(JsonSerializer.Deserialize<double[]>(ref reader, options)!);
            }
            return new CocoSegmentationJson { Polygons = polygons };
        }
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("segmentation must be a list of polygons or an RLE object {size, counts}");
        int[]? size = null;
        string? compressed = null;
        List<uint>? counts = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "size": size = JsonSerializer.Deserialize<int[]>(ref reader, options); break;
                case "counts" when reader.TokenType == JsonTokenType.String: compressed = reader.GetString(); break;
                case "counts": counts = JsonSerializer.Deserialize<List<uint>>(ref reader, options); break;
                default: reader.Skip(); break;
            }
        }
        return new CocoSegmentationJson { Size = size, CompressedCounts = compressed, Counts = counts };
    }

    public override void Write(Utf8JsonWriter writer, CocoSegmentationJson value, JsonSerializerOptions options) =>
        throw new NotSupportedException("CocoWriter writes segmentations itself");
}
