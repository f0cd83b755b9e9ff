using OpenCvSharp;
using VisionPipeline.Graph.Nodes.Ops;
using VisionPipeline.Graph.Nodes.Sinks;
using VisionPipeline.Graph.Nodes.Stages;
using P = VisionPipeline.Graph.Definition.ParamSpec;

namespace VisionPipeline.Graph.Definition;

/// <summary>Every node kind a pipeline file can use, with its ports and parameters.</summary>
public static class NodeCatalog
{
    private static readonly PortSpec ImageIn = new("input", [PortType.Image]);
    private static readonly PortType[] Results = [PortType.Detections, PortType.Masks, PortType.Embeddings];

    public static IReadOnlyDictionary<string, NodeKind> Kinds { get; } = Build().ToDictionary(k => k.Name, StringComparer.Ordinal);

    private static IEnumerable<NodeKind> Build()
    {
        yield return new NodeKind
        {
            Name = "source.images",
            Description = "The decoded input image (BGR, EXIF orientation applied); every pipeline has exactly one",
            Output = _ => PortType.Image,
            Build = c => new SourceNode(c.Id),
        };

        foreach (var stage in Stages()) yield return stage;
        yield return ModelKind.Kind;
        foreach (var op in Ops()) yield return op;
        foreach (var sink in Sinks()) yield return sink;
    }

    private static NodeKind Stage(string name, string description, ParamSpec[] parameters,
        Func<NodeParams, Func<Mat, (Mat, Core.Geometry.AffineMap)>> transform, Action<NodeContext>? check = null) => new()
    {
        Name = name,
        Description = description,
        Ports = [ImageIn],
        Params = parameters,
        Output = c => { check?.Invoke(c); return PortType.Image; },
        Build = c => new StageNode(c.Id, name, c.Input("input"), transform(c.Params)),
    };

    private static void OddKernel(NodeContext c, string name)
    {
        if (c.Params.Int(name) % 2 == 0) c.Error($"'{name}' must be odd, got {c.Params.Int(name)}", name);
    }

    private static IEnumerable<NodeKind> Stages()
    {
        yield return Stage("stage.resize", "Resize to width×height, or by scale (aspect ratio kept)",
            [P.Int("width", 0, "target width (0: from scale)", 0, 16384), P.Int("height", 0, "target height (0: from scale)", 0, 16384),
             P.Float("scale", 0, "scale factor when width/height are 0", 0, 64),
             P.Choice("interpolation", "linear", "resampling", "linear", "nearest", "cubic", "area", "lanczos")],
            p => m => ImageStages.Resize(m, p.Int("width"), p.Int("height"), p.Double("scale"), ImageStages.Interpolation(p.Text("interpolation")!)),
            c =>
            {
                bool size = c.Params.Int("width") > 0 && c.Params.Int("height") > 0;
                if (!size && c.Params.Double("scale") <= 0) c.Error("set width and height, or scale > 0");
            });
        yield return Stage("stage.letterbox", "Fit inside width×height keeping the aspect ratio, pad the rest",
            [P.Int("width", null, "target width", 1, 16384), P.Int("height", null, "target height", 1, 16384),
             P.Int("pad", 114, "grey level of the padding", 0, 255), P.Choice("anchor", "center", "where the image sits", "center", "top-left")],
            p => m => ImageStages.Letterbox(m, p.Int("width"), p.Int("height"), (byte)p.Int("pad"), p.Text("anchor") == "top-left"));
        yield return Stage("stage.crop", "Cut a fixed rectangle (clipped to the image)",
            [P.Int("x", 0, "left", 0, null), P.Int("y", 0, "top", 0, null), P.Int("width", null, "width", 1, null), P.Int("height", null, "height", 1, null)],
            p => m => ImageStages.CropRegion(m, p.Int("x"), p.Int("y"), p.Int("width"), p.Int("height")));
        yield return Stage("stage.rotate", "Rotate counter-clockwise by any angle about the centre",
            [P.Float("angle", null, "degrees, counter-clockwise", -360, 360), P.Bool("expand", true, "grow the canvas to keep every pixel"),
             P.Choice("border", "constant", "how uncovered pixels are filled", "constant", "replicate", "reflect")],
            p => m => ImageStages.Rotate(m, p.Double("angle"), p.Bool("expand"), ImageStages.Border(p.Text("border")!)));
        yield return Stage("stage.color", "Colour conversion (the result keeps 3 channels)",
            [P.Choice("to", "gray", "target colour space", "gray", "rgb", "hsv", "lab", "ycrcb")],
            p => m => ImageStages.Color(m, p.Text("to")!));
        yield return Stage("stage.normalize", "Stretch intensities to [low, high] (min-max)",
            [P.Float("low", 0, "darkest value", 0, 255), P.Float("high", 255, "brightest value", 0, 255)],
            p => m => ImageStages.Normalize(m, p.Double("low"), p.Double("high")),
            c => { if (c.Params.Double("low") >= c.Params.Double("high")) c.Error("'low' must be below 'high'", "low"); });
        yield return Stage("stage.clahe", "Contrast-limited adaptive histogram equalisation on lightness",
            [P.Float("clip_limit", 2.0, "contrast limit", 0.01, 40), P.Int("tiles", 8, "tiles per side", 1, 64)],
            p => m => ImageStages.Clahe(m, p.Double("clip_limit"), p.Int("tiles")));
        yield return Stage("stage.denoise", "Non-local means denoising",
            [P.Float("strength", 3, "filter strength", 1, 30)],
            p => m => ImageStages.Denoise(m, p.Float("strength")));
        yield return Stage("stage.blur", "Gaussian, median or box blur",
            [P.Choice("type", "gaussian", "blur type", "gaussian", "median", "box"), P.Int("kernel", 5, "kernel size (odd)", 1, 255),
             P.Float("sigma", 0, "Gaussian sigma (0: from kernel)", 0, 100)],
            p => m => ImageStages.Blur(m, p.Text("type")!, p.Int("kernel"), p.Double("sigma")),
            c => OddKernel(c, "kernel"));
    }

    private static IEnumerable<NodeKind> Ops()
    {
        yield return new NodeKind
        {
            Name = "op.crop",
            Description = "Cut every detection out of an image (optionally its quadrilateral, rectified) for a further model",
            Ports = [new("image", [PortType.Image]), new("detections", [PortType.Detections])],
            Params = [P.Float("padding", 0, "grow each box by this fraction of its size per side", 0, 10),
                      P.Bool("rectify", false, "warp 4-point polygons upright (text lines)"),
                      P.Choice("border", "constant", "fill outside the image", "constant", "replicate"),
                      P.Int("min_size", 1, "skip crops narrower or lower than this", 1, 10000)],
            Output = _ => PortType.Crops,
            Build = c => new CropNode(c.Id, c.Input("image"), c.Input("detections"), c.Params.Double("padding"), c.Params.Bool("rectify"),
                ImageStages.Border(c.Params.Text("border")!), c.Params.Int("min_size")),
        };
        yield return new NodeKind
        {
            Name = "op.apply_mask",
            Description = "Blur or replace the background outside the masks, or blur what they cover",
            Ports = [new("image", [PortType.Image]), new("masks", [PortType.Masks])],
            Params = [P.Choice("effect", "blur-background", "what to do", "blur-background", "replace-background", "blur-foreground"),
                      P.Int("kernel", 31, "blur kernel (odd)", 1, 255), P.IntList("color", "BGR colour for replace-background", 3) with { Default = new[] { 255, 255, 255 }, Min = 0, Max = 255 }],
            Output = c => { OddKernel(c, "kernel"); return PortType.Image; },
            Build = c => new ApplyMaskNode(c.Id, c.Input("image"), c.Input("masks"), c.Params.Text("effect") switch
            {
                "replace-background" => MaskEffect.ReplaceBackground,
                "blur-foreground" => MaskEffect.BlurForeground,
                _ => MaskEffect.BlurBackground,
            }, c.Params.Int("kernel"), ColorOf(c.Params.IntList("color"))),
        };
        yield return new NodeKind
        {
            Name = "op.filter",
            Description = "Keep detections of some labels, above a score, at most top_k",
            Ports = [new("input", [PortType.Detections])],
            Params = [P.List("labels", "labels to keep (empty: all)"), P.Float("min_score", 0, "lowest score kept", 0, 1), P.Int("top_k", 0, "at most this many, best first (0: all)", 0, 100000)],
            Output = _ => PortType.Detections,
            Labels = c => c.Params.List("labels") is { Length: > 0 } keep ? keep : c.KnownLabels.GetValueOrDefault(c.Input("input"), []),
            Build = c => new FilterNode(c.Id, c.Input("input"), c.Params.List("labels").ToHashSet(), c.Params.Float("min_score"), c.Params.Int("top_k")),
        };
        yield return new NodeKind
        {
            Name = "op.merge",
            Description = "Join several detection nodes (or tiled detections) and suppress overlaps (NMS)",
            Ports = [new("inputs", [PortType.Detections], Many: true)],
            Params = [P.Float("iou_threshold", 0.5, "boxes overlapping more than this are duplicates", 0, 1), P.Bool("class_aware", true, "suppress only within a label"),
                      P.Int("top_k", 0, "at most this many (0: all)", 0, 100000)],
            Output = _ => PortType.Detections,
            Labels = c => c.InputList("inputs").SelectMany(i => c.KnownLabels.GetValueOrDefault(i, [])).Distinct().ToList(),
            Build = c => new MergeNode(c.Id, c.InputList("inputs"), c.Params.Float("iou_threshold"), c.Params.Bool("class_aware"), c.Params.Int("top_k")),
        };
        yield return new NodeKind
        {
            Name = "op.tile",
            Description = "Slice the image into overlapping tiles; a detector on the tiles plus op.merge finds small objects",
            Ports = [ImageIn],
            Params = [P.Int("size", 640, "tile side in pixels", 32, 16384), P.Float("overlap", 0.2, "fraction shared by neighbouring tiles", 0, 0.9)],
            Output = _ => PortType.Crops,
            Build = c => new TileNode(c.Id, c.Input("input"), c.Params.Int("size"), c.Params.Double("overlap")),
        };
    }

    private static Scalar ColorOf(int[] bgr) => bgr.Length == 3 ? new Scalar(bgr[0], bgr[1], bgr[2]) : Scalar.All(255);

    private static IEnumerable<NodeKind> Sinks()
    {
        yield return RecordSinkKind("sink.jsonl", "results.jsonl: one JSON object per image (schema in docs/results.md)", Results, "results.jsonl", [],
            c => new JsonlSink(c.Id, c.Output!, c.Params.Text("path")!, c.InputList("inputs").ToHashSet()));
        yield return RecordSinkKind("sink.coco", "COCO detection results JSON ([{image_id, category_id, bbox, score}])", [PortType.Detections], "results.coco.json",
            [P.List("categories", "labels in category-id order (default: the inputs' labels)")],
            c => new CocoSink(c.Id, c.Output!, c.Params.Text("path")!, c.InputList("inputs").ToHashSet(), Categories(c)));
        yield return RecordSinkKind("sink.csv", "CSV: one row per detection or classification", [PortType.Detections], "results.csv", [],
            c => new CsvSink(c.Id, c.Output!, c.Params.Text("path")!, c.InputList("inputs").ToHashSet()));
        yield return new NodeKind
        {
            Name = "sink.annotated",
            Description = "The image with its inputs drawn (boxes, labels, scores, keypoints, polygons, translucent masks)",
            Ports = [new("inputs", [PortType.Detections, PortType.Masks], Many: true, Optional: true), new("image", [PortType.Image], Optional: true)],
            Params = [P.Text("dir", "annotated", "folder, relative to the output folder"), P.Bool("text_panel", true, "write recognised text on a panel beside the image")],
            Output = _ => null,
            Build = c => new AnnotatedSink(c.Id, c.Inputs.ContainsKey("image") ? c.Input("image") : null, c.InputList("inputs"),
                c.Params.Text("dir")!, c.Params.Bool("text_panel")),
        };
        yield return new NodeKind
        {
            Name = "sink.masks",
            Description = "One PNG per mask (255 inside, 0 outside)",
            Ports = [new("inputs", [PortType.Masks], Many: true)],
            Params = [P.Text("dir", "masks", "folder, relative to the output folder")],
            Output = _ => null,
            Build = c => new MasksSink(c.Id, c.InputList("inputs"), c.Params.Text("dir")!),
        };
        yield return new NodeKind
        {
            Name = "sink.crops",
            Description = "Every crop as an image file",
            Ports = [new("inputs", [PortType.Crops], Many: true)],
            Params = [P.Text("dir", "crops", "folder, relative to the output folder"), P.Choice("format", "png", "image format", "png", "jpg")],
            Output = _ => null,
            Build = c => new CropsSink(c.Id, c.InputList("inputs"), c.Params.Text("dir")!, c.Params.Text("format")!),
        };
        yield return new NodeKind
        {
            Name = "sink.yolo",
            Description = "YOLO label files: class cx cy w h score, normalised",
            Ports = [new("inputs", [PortType.Detections], Many: true)],
            Params = [P.Text("dir", "labels", "folder, relative to the output folder"), P.List("categories", "labels in class-index order (default: the inputs' labels)")],
            Output = _ => null,
            Build = c => new YoloSink(c.Id, c.InputList("inputs"), c.Params.Text("dir")!, Categories(c)),
        };
    }

    private static NodeKind RecordSinkKind(string name, string description, PortType[] accepts, string defaultPath, ParamSpec[] extra,
        Func<NodeContext, IRecordSink> build) => new()
    {
        Name = name,
        Description = description,
        Ports = [new("inputs", accepts, Many: true)],
        Params = [P.Text("path", defaultPath, "file, relative to the output folder"), .. extra],
        Output = _ => null,
        BuildRecordSink = build,
    };

    /// <summary>The categories of a COCO or YOLO sink: as listed, else every label its inputs can produce.</summary>
    public static IReadOnlyList<string> Categories(NodeContext c) =>
        c.Params.List("categories") is { Length: > 0 } listed
            ? listed
            : c.InputList("inputs").SelectMany(i => c.KnownLabels.GetValueOrDefault(i, [])).Distinct().ToList();
}
