using VisionPipeline.Core.Results;
using VisionPipeline.Core.Targets;

namespace VisionPipeline;

/// <summary>A classifier's verdict on a whole image: one per class it reports (top-k).</summary>
public sealed record Classification(string Node, string Label, float Score);

/// <summary>
/// What a pipeline found in one image, in that image's pixel coordinates: the targets of the nodes the pipeline
/// records (its sink.jsonl's inputs, or every node that finds something when it has none). Owns the masks' Mats:
/// dispose the result when done with them.
/// </summary>
public sealed class PipelineResult : IDisposable
{
    private readonly ImageRecord _record;

    internal PipelineResult(ImageRecord record, long index, IReadOnlyList<Detection> detections, IReadOnlyList<Classification> classifications,
        IReadOnlyList<MaskTarget> masks, IReadOnlyList<Embedding> embeddings)
    {
        _record = record;
        Index = index;
        Detections = detections;
        Classifications = classifications;
        Masks = masks;
        Embeddings = embeddings;
    }

    internal static PipelineResult Failed(string image, long index, string error) =>
        new(new ImageRecord { Image = image, Error = error }, index, [], [], [], []);

    /// <summary>The image's name: its path relative to the input root, or the name given with it.</summary>
    public string Image => _record.Image;

    /// <summary>Position in the input sequence.</summary>
    public long Index { get; }

    public int Width => _record.Width;
    public int Height => _record.Height;

    /// <summary>Orientation and camera fields of the image's EXIF block, when it came from encoded bytes that have one.</summary>
    public ExifRecord? Exif => _record.Exif;

    /// <summary>Boxes with their label and score, and where the model gives them keypoints, a polygon, text.
    /// Whole-image classifications are here too (a box spanning the image), as in results.jsonl.</summary>
    public IReadOnlyList<Detection> Detections { get; }

    /// <summary>The detections that are a classifier's verdict on the whole image.</summary>
    public IReadOnlyList<Classification> Classifications { get; }

    /// <summary>Instance and semantic masks at the image's size (8-bit, 255 inside).</summary>
    public IReadOnlyList<MaskTarget> Masks { get; }

    public IReadOnlyList<Embedding> Embeddings { get; }

    /// <summary>Null when the image was processed; otherwise one line saying what went wrong.</summary>
    public string? Error => _record.Error;

    public bool Succeeded => Error is null;

    /// <summary>The image's results.jsonl line, as `vision run` writes it (mask paths only where a run wrote the masks).</summary>
    public ImageRecord ToRecord() => _record;

    /// <summary>The results.jsonl line as JSON text.</summary>
    public string ToJson() => ResultJson.Serialize(_record);

    public void Dispose()
    {
        foreach (var mask in Masks) mask.Dispose();
    }
}
