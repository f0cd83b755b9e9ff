using System.Text.Json;
using System.Text.Json.Serialization;
using VisionPipeline.Core.Results;
using VisionPipeline.Live.Counting;
using VisionPipeline.Live.Tracking;

namespace VisionPipeline.Live.Output;

/// <summary>
/// One line of --save-json: a processed frame of one source, with the same detections, masks and embeddings fields
/// as a results.jsonl line; with --track each tracked detection has its track_id, and with --line or --zone the
/// counts so far.
/// </summary>
public sealed record FrameLine
{
    /// <summary>The source as given on the command line.</summary>
    public required string Source { get; init; }

    /// <summary>The frame's index in its source (every frame grabbed counts, also those dropped or thinned out).</summary>
    public long Frame { get; init; }

    /// <summary>The source's time of the frame: a file's presentation time, else milliseconds since the run started.</summary>
    public double TimestampMs { get; init; }

    /// <summary>Milliseconds from the grab to this line being written.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Milliseconds the pipeline took on the frame (the rest of the latency is waiting for it, drawing and writing).</summary>
    public double PipelineMs { get; init; }

    public int Width { get; init; }
    public int Height { get; init; }
    public IReadOnlyList<DetectionRecord> Detections { get; init; } = [];
    public IReadOnlyList<MaskRecord> Masks { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<EmbeddingRecord>? Embeddings { get; init; }

    /// <summary>Line crossings and zone occupancy so far (with --line or --zone).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FrameCounts? Counts { get; init; }

    /// <summary>Null when the frame was processed; otherwise one line saying what went wrong.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    /// <param name="tracks">the track of each of <paramref name="record"/>'s detections, in order (null: not tracking)</param>
    public static FrameLine From(string source, long frame, double timestampMs, double latencyMs, double pipelineMs, ImageRecord record,
        IReadOnlyList<Track?>? tracks = null, FrameCounts? counts = null) => new()
    {
        Source = source,
        Frame = frame,
        TimestampMs = Math.Round(timestampMs, 2),
        LatencyMs = Math.Round(latencyMs, 2),
        PipelineMs = Math.Round(pipelineMs, 2),
        Width = record.Width,
        Height = record.Height,
        Detections = tracks is null ? record.Detections : record.Detections.Select((d, i) => d with { TrackId = tracks[i]?.Id }).ToList(),
        Counts = counts,
        Masks = record.Masks,
        Embeddings = record.Embeddings,
        Error = record.Error,
    };

    public string ToJson() => JsonSerializer.Serialize(this, ResultJson.Options);

    public static FrameLine Parse(string line) =>
        JsonSerializer.Deserialize<FrameLine>(line, ResultJson.Options) ?? throw new JsonException("empty line");
}
