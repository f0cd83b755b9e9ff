using VisionPipeline.Graph.Definition.Options;

namespace VisionPipeline.Graph.Definition.Kinds;

/// <summary>sink.jsonl: one JSON object per image.</summary>
public sealed record JsonlSinkOptions
{
    [OutputFile] public string Path { get; init; } = "results.jsonl";
}

/// <summary>sink.coco: COCO detection results.</summary>
public sealed record CocoSinkOptions
{
    [OutputFile] public string Path { get; init; } = "results.coco.json";

    [Param("categories", "labels in category-id order (default: the inputs' labels)")]
    public string[] Categories { get; init; } = [];
}

/// <summary>sink.csv: one row per detection or classification.</summary>
public sealed record CsvSinkOptions
{
    [OutputFile] public string Path { get; init; } = "results.csv";
}

/// <summary>sink.annotated: the image with its inputs drawn.</summary>
public sealed record AnnotatedSinkOptions
{
    [OutputFolder] public string Dir { get; init; } = "annotated";

    [Param("text_panel", "write recognised text on a panel beside the image")]
    public bool TextPanel { get; init; } = true;
}

/// <summary>sink.masks: one PNG per mask.</summary>
public sealed record MasksSinkOptions
{
    [OutputFolder] public string Dir { get; init; } = "masks";
}

/// <summary>sink.crops: every crop as an image file.</summary>
public sealed record CropsSinkOptions
{
    [OutputFolder] public string Dir { get; init; } = "crops";

    /// <summary>The image format, which is also the files' extension.</summary>
    [Param("format", "image format", Choices = ["png", "jpg"])]
    public string Format { get; init; } = "png";
}

/// <summary>sink.yolo: YOLO label files.</summary>
public sealed record YoloSinkOptions
{
    [OutputFolder] public string Dir { get; init; } = "labels";

    [Param("categories", "labels in class-index order (default: the inputs' labels)")]
    public string[] Categories { get; init; } = [];
}

/// <summary>The options of a kind without parameters (source.images).</summary>
public sealed record NoOptions;
