using VisionPipeline.Graph.Nodes.Sinks;

namespace VisionPipeline.Graph.Definition.Kinds;

/// <summary>The sinks: what a pipeline writes under the output folder.</summary>
public static class SinkKinds
{
    private static readonly PortType[] Results = [PortType.Detections, PortType.Masks, PortType.Embeddings];

    public static IEnumerable<NodeKind> All()
    {
        yield return RecordSink<JsonlSinkOptions>("sink.jsonl", "results.jsonl: one JSON object per image (schema in docs/results.md)", Results,
            (c, o) => new JsonlSink(c.Id, c.Output!, o.Path, c.InputList("inputs").ToHashSet()));
        yield return RecordSink<CocoSinkOptions>("sink.coco", "COCO detection results JSON ([{image_id, category_id, bbox, score}])", [PortType.Detections],
            (c, o) => new CocoSink(c.Id, c.Output!, o.Path, c.InputList("inputs").ToHashSet(), Categories(c, o.Categories)));
        yield return RecordSink<CsvSinkOptions>("sink.csv", "CSV: one row per detection or classification", [PortType.Detections],
            (c, o) => new CsvSink(c.Id, c.Output!, o.Path, c.InputList("inputs").ToHashSet()));
        yield return new NodeKind<AnnotatedSinkOptions>
        {
            Name = "sink.annotated",
            Description = "The image with its inputs drawn (boxes, labels, scores, keypoints, polygons, translucent masks)",
            Ports = [new("inputs", [PortType.Detections, PortType.Masks], Many: true, Optional: true), new("image", [PortType.Image], Optional: true)],
            Output = (_, _) => null,
            Node = (c, o) => new AnnotatedSink(c.Id, c.Inputs.ContainsKey("image") ? c.Input("image") : null, c.InputList("inputs"), o.Dir, o.TextPanel),
        };
        yield return new NodeKind<MasksSinkOptions>
        {
            Name = "sink.masks",
            Description = "One PNG per mask (255 inside, 0 outside)",
            Ports = [new("inputs", [PortType.Masks], Many: true)],
            Output = (_, _) => null,
            Node = (c, o) => new MasksSink(c.Id, c.InputList("inputs"), o.Dir),
        };
        yield return new NodeKind<CropsSinkOptions>
        {
            Name = "sink.crops",
            Description = "Every crop as an image file",
            Ports = [new("inputs", [PortType.Crops], Many: true)],
            Output = (_, _) => null,
            Node = (c, o) => new CropsSink(c.Id, c.InputList("inputs"), o.Dir, o.Format),
        };
        yield return new NodeKind<YoloSinkOptions>
        {
            Name = "sink.yolo",
            Description = "YOLO label files: class cx cy w h score, normalised",
            Ports = [new("inputs", [PortType.Detections], Many: true)],
            Output = (_, _) => null,
            Node = (c, o) => new YoloSink(c.Id, c.InputList("inputs"), o.Dir, Categories(c, o.Categories)),
        };
    }

    private static NodeKind<T> RecordSink<T>(string name, string description, PortType[] accepts, Func<NodeContext, T, IRecordSink> build)
        where T : class, new() => new()
    {
        Name = name,
        Description = description,
        Ports = [new("inputs", accepts, Many: true)],
        Output = (_, _) => null,
        RecordSink = build,
    };

    /// <summary>The categories of a COCO or YOLO sink: as listed, else every label its inputs can produce.</summary>
    public static IReadOnlyList<string> Categories(NodeContext c, string[] listed) =>
        listed is { Length: > 0 }
            ? listed
            : c.InputList("inputs").SelectMany(i => c.KnownLabels.GetValueOrDefault(i, [])).Distinct().ToList();
}
