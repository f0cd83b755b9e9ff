using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisionPipeline.Core.Results;

/// <summary>One line of results.jsonl: everything found in one image, or why it could not be processed.</summary>
public sealed record ImageRecord
{
    /// <summary>Path relative to the input root, '/' separated.</summary>
    public required string Image { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExifRecord? Exif { get; init; }

    public IReadOnlyList<DetectionRecord> Detections { get; init; } = [];
    public IReadOnlyList<MaskRecord> Masks { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<EmbeddingRecord>? Embeddings { get; init; }

    /// <summary>Null when the image was processed; otherwise one line saying what went wrong.</summary>
    public string? Error { get; init; }
}

public sealed record DetectionRecord
{
    public required string Node { get; init; }
    public required string Label { get; init; }
    public float Score { get; init; }

    /// <summary>[x1, y1, x2, y2] in original image pixels.</summary>
    public required float[] Box { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float[][]? Keypoints { get; init; }

    /// <summary>Per keypoint, the landmark model's visibility in [0, 1].</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float[]? KeypointScores { get; init; }

    /// <summary>The skeleton naming the keypoints (pose-33, hand-21, face-468; see docs/results.md).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Skeleton { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float[][]? Polygon { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float? TextScore { get; init; }

    /// <summary>The object's id across frames, when `vision live --track` follows it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TrackId { get; init; }

    public static DetectionRecord From(Targets.Detection d) => new()
    {
        Node = d.Node,
        Label = d.Label,
        Score = d.Score,
        Box = d.Box.ToArray(),
        Keypoints = d.Keypoints?.Select(p => new[] { p.X, p.Y }).ToArray(),
        KeypointScores = d.KeypointScores?.ToArray(),
        Skeleton = d.Skeleton,
        Polygon = d.Polygon?.Select(p => new[] { p.X, p.Y }).ToArray(),
        Text = d.Text,
        TextScore = d.TextScore,
    };
}

public sealed record MaskRecord
{
    public required string Node { get; init; }
    public required string Label { get; init; }

    /// <summary>Path of the mask PNG relative to the output directory; absent when no sink saved it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Path { get; init; }

    /// <summary>Pixels inside the mask.</summary>
    public int Area { get; init; }

    /// <summary>Instance masks: the detection's score and [x1, y1, x2, y2] box.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float? Score { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float[]? Box { get; init; }

    /// <summary>Semantic masks: the class index (model output channel) whose pixels the mask holds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ClassIndex { get; init; }
}

public sealed record EmbeddingRecord
{
    public required string Node { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float[]? Box { get; init; }

    public required float[] Vector { get; init; }
}

/// <summary>Camera metadata read from the file (OpenCV already applied the orientation to the pixels).</summary>
public sealed record ExifRecord
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Orientation { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Make { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Model { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? DateTimeOriginal { get; init; }
}

public static class ResultJson
{
    /// <summary>Compact, snake_case, one object per line.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Recognised text (accents, CJK, apostrophes) stays readable UTF-8; the file is data, never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(ImageRecord record) => JsonSerializer.Serialize(record, Options);

    public static ImageRecord Deserialize(string line) =>
        JsonSerializer.Deserialize<ImageRecord>(line, Options) ?? throw new JsonException("empty line");
}
