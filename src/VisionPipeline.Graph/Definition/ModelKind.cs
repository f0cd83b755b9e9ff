using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Decoders.Classification;
using VisionPipeline.Decoders.Detection;
using VisionPipeline.Decoders.Suppression;
using VisionPipeline.Decoders.Text;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Nodes.Heads;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Zoo;
using Onnx = VisionPipeline.Inference.Onnx;
using P = VisionPipeline.Graph.Definition.ParamSpec;

namespace VisionPipeline.Graph.Definition;

/// <summary>
/// The `model` node: a zoo model (or a model file) with its engine, device, input spec and task head. What it
/// outputs depends on its decoder and on whether it is fed an image or crops.
/// </summary>
public static class ModelKind
{
    /// <summary>Decoder → task head name, what it makes from an image and from crops, and the parameters it takes.</summary>
    public sealed record Decoder(string Name, string Head, PortType? FromImage, PortType? FromCrops, string[] Params);

    private static readonly string[] BoxParams = ["score_threshold", "iou_threshold", "top_k", "classes", "class_agnostic", "soft_nms", "labels_file"];

    public static readonly IReadOnlyDictionary<string, Decoder> Decoders = new[]
    {
        new Decoder("blazeface", "detect", PortType.Detections, PortType.Detections, ["score_threshold", "iou_threshold", "top_k", "classes"]),
        new Decoder("db-text", "detect", PortType.Detections, null, ["score_threshold", "binary_threshold", "unclip_ratio", "max_side", "top_k"]),
        new Decoder("probability-mask", "segment", PortType.Masks, null, ["threshold"]),
        new Decoder("text-direction", "classify", null, PortType.Crops, ["threshold", "batch_size"]),
        new Decoder("ctc", "recognize", null, PortType.Detections, ["min_text_score", "batch_size", "labels_file"]),
        new Decoder("embedding", "embed", PortType.Embeddings, PortType.Embeddings, ["preprocess_model"]),
        new Decoder("yolo", "detect", PortType.Detections, PortType.Detections, [.. BoxParams, "layout"]),
        new Decoder("ssd", "detect", PortType.Detections, PortType.Detections, [.. BoxParams, "priors_file", "normalized", "background", "activation"]),
        new Decoder("torchvision", "detect", PortType.Detections, PortType.Detections, ["score_threshold", "top_k", "classes", "labels_file"]),
        new Decoder("classify", "classify", PortType.Detections, PortType.Detections, ["top_k", "threshold", "activation", "labels_file"]),
        new Decoder("yolo-seg", "segment", PortType.Masks, null, [.. BoxParams, "threshold"]),
        new Decoder("semantic", "segment", PortType.Masks, null, ["background", "labels_file"]),
    }.ToDictionary(d => d.Name);

    private static readonly string[] Common =
        ["model", "path", "engine", "device", "head", "decoder", "input_size", "resize", "colors", "scale", "mean", "std", "threads"];

    public static NodeKind Kind { get; } = new()
    {
        Name = "model",
        Description = "Run a CNN (zoo id or model file) and decode its output with a task head",
        Ports = [new("input", [PortType.Image, PortType.Crops])],
        Params =
        [
            P.Text("model", null, "zoo model id (see `vision models list`)"),
            P.Text("path", null, "a model file instead of a zoo id (.onnx, .tflite, .caffemodel, .weights, .pb)"),
            P.Choice("engine", "auto", "inference engine", "auto", "onnxruntime", "opencv-dnn"),
            P.Choice("device", "default", "execution device (default: the run's --device)", "default", "cpu", "cuda"),
            P.Choice("head", "auto", "task head (auto: from the decoder)", "auto", "detect", "segment", "classify", "embed", "recognize"),
            P.Choice("decoder", "auto", "output decoder (auto: from the zoo entry)", ["auto", .. Decoders.Keys]),
            P.IntList("input_size", "input [width, height] overrides", 2) with { Min = 1, Max = 16384 },
            P.Choice("resize", "auto", "resize mode override", "auto", "stretch", "letterbox", "letterbox-top-left", "center-crop"),
            P.Choice("colors", "auto", "colour order override", "auto", "rgb", "bgr"),
            P.Float("scale", 0, "pixel scale override (0: keep)", 0, 1000),
            P.FloatList("mean", "per-channel mean override", 3),
            P.FloatList("std", "per-channel std override", 3) with { Min = 1e-9 },
            P.Int("threads", 0, "ONNX Runtime intra-op threads for this model (0: the run's setting)", 0, 256),
            P.Float("score_threshold", -1, "lowest score kept (default: the decoder's)", -1, 1),
            P.Float("iou_threshold", -1, "NMS overlap threshold (default: the decoder's)", -1, 1),
            P.Bool("class_agnostic", false, "NMS across classes"),
            P.Bool("soft_nms", false, "Gaussian soft-NMS instead of removing overlaps"),
            P.Choice("layout", "auto", "YOLO output layout (auto: from the output shape)", "auto", "yolov5", "yolov8", "end2end"),
            P.Choice("activation", "auto", "class score activation (auto: softmax unless already probabilities)", "auto", "softmax", "sigmoid", "none"),
            P.Text("priors_file", null, "SSD priors: one 'cx cy w h' line per anchor, normalised (without it boxes are corners)"),
            P.Bool("normalized", true, "SSD boxes are in [0, 1] of the input size"),
            P.Bool("background", true, "class 0 is background (SSD scores, semantic masks)"),
            P.Int("top_k", 0, "at most this many detections, best first (0: all)", 0, 100000),
            P.List("classes", "labels to keep (empty: all)"),
            P.Float("threshold", -1, "mask or classifier probability threshold (default: the decoder's)", -1, 1),
            P.Float("binary_threshold", 0.3, "DB: text-map binarisation", 0, 1),
            P.Float("unclip_ratio", 1.5, "DB: how far boxes grow", 0.1, 10),
            P.Int("max_side", 960, "DB: longest side of the detector input", 32, 8192),
            P.Float("min_text_score", 0.5, "recognition: lines below this confidence are dropped", 0, 1),
            P.Int("batch_size", 6, "crops per batch", 1, 256),
            P.Text("labels_file", null, "zoo id or file with one label per line (recognition dictionary)"),
            P.Text("preprocess_model", null, "zoo id of a model run before this one"),
        ],
        Output = Check,
        Labels = c => ResolveDecoder(c, report: false) is { } d ? LabelsOf(c, d) : [],
        Build = BuildNode,
    };

    private static IReadOnlyList<string> LabelsOf(NodeContext c, Decoder d) => d.Name switch
    {
        "blazeface" => ["face"],
        "db-text" or "ctc" => ["text"],
        _ => LabelsFilePath(c) is { } file && File.Exists(file) ? LabelSet.FromFile(file).Names
            : c.Params.Text("path") is not null && IsOnnx(FilePath(c)) && File.Exists(FilePath(c)) ? Onnx.OnnxModelInfo.Read(FilePath(c)).Names ?? []
            : Entry(c)?.Labels ?? [],
    };

    /// <summary>The labels file a node names, if any (see <see cref="ZooOrFile"/>).</summary>
    private static string? LabelsFilePath(NodeContext c, ModelCatalog? models = null) =>
        c.Params.Text("labels_file") is { } name ? ZooOrFile(c, name, models) : null;

    /// <summary>
    /// A zoo entry's file (checksum-verified when the models are open), else a path relative to the pipeline file.
    /// </summary>
    private static string ZooOrFile(NodeContext c, string name, ModelCatalog? models = null)
    {
        var entry = c.Store.Manifest.Models.FirstOrDefault(m => m.Id == name);
        if (entry is null) return NextToPipeline(c, name);
        return models is null ? c.Store.PathOf(entry) : models.ResolveFile(name);
    }

    private static string NextToPipeline(NodeContext c, string relative) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(c.Document.Path) ?? ".", relative));

    private static ZooEntry? Entry(NodeContext c) =>
        c.Params.Text("model") is { } id ? c.Store.Manifest.Models.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase)) : null;

    private static Decoder? ResolveDecoder(NodeContext c, bool report)
    {
        var name = c.Params.Text("decoder");
        string why = "";
        if (name == "auto" && Entry(c) is { } entry) name = entry.Decoder;
        if (name == "auto" && c.Params.Text("path") is not null && IsOnnx(FilePath(c)) && File.Exists(FilePath(c)))
            name = DecoderChooser.Choose(Onnx.OnnxModelInfo.Read(FilePath(c)), out why)?.Decoder;
        if (name is null or "auto" || !Decoders.TryGetValue(name, out var decoder))
        {
            if (report)
                c.Error(name is null or "auto"
                    ? $"{(why.Length > 0 ? why : "cannot tell how to decode this model's output")}: set 'decoder' ({string.Join(", ", Decoders.Keys)})"
                    : $"the zoo model's decoder '{name}' is not supported here", "decoder");
            return null;
        }
        return decoder;
    }

    private static string FilePath(NodeContext c) => NextToPipeline(c, c.Params.Text("path")!);

    private static bool IsOnnx(string path) => path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>The model file's own input size: static input dimensions (NCHW, NHWC or CHW), else Ultralytics' imgsz metadata.</summary>
    private static (int Width, int Height)? FileInputSize(string path)
    {
        if (!IsOnnx(path)) return null;
        var info = Onnx.OnnxModelInfo.Read(path);
        var shape = info.Inputs.FirstOrDefault()?.Shape ?? [];
        bool nhwc = IsNhwc(shape);
        var (h, w) = shape.Length switch
        {
            4 when nhwc => (shape[1], shape[2]),
            4 => (shape[2], shape[3]),
            3 => (shape[1], shape[2]),
            _ => (-1L, -1L),
        };
        return h > 0 && w > 0 ? ((int)w, (int)h) : info.ImageSize;
    }

    private static bool IsNhwc(long[] shape) => shape.Length == 4 && shape[3] is 3 or 1 && shape[1] is not (3 or 1);

    private static LabelSet Labels(NodeContext c, ModelCatalog models, ModelSession session)
    {
        if (LabelsFilePath(c, models) is { } file) return LabelSet.FromFile(file);
        if (new Onnx.OnnxModelInfo([], [], session.Engine.Metadata).Names is { } names) return new LabelSet(names);
        return new LabelSet(session.Entry.Labels ?? []);
    }

    private static PortType? Check(NodeContext c)
    {
        var model = c.Params.Text("model");
        var path = c.Params.Text("path");
        if (model is null == path is null)
        {
            c.Error("set exactly one of 'model' (a zoo id) or 'path' (a model file)");
            return null;
        }
        if (model is not null)
        {
            var entry = Entry(c);
            if (entry is null)
            {
                c.Error($"unknown model '{model}'{Core.Text.NameSuggestions.DidYouMean(model, c.Store.Manifest.Models.Select(m => m.Id))} (see `vision models list`)", "model");
                return null;
            }
            if (!entry.IsModel)
            {
                c.Error($"'{model}' is a {entry.Task} file, not a model", "model");
                return null;
            }
        }
        else
        {
            var full = FilePath(c);
            if (!File.Exists(full))
            {
                c.Error($"model file '{path}' not found", "path");
                return null;
            }
            if (c.Params.IntList("input_size").Length == 0 && FileInputSize(full) is null)
            {
                c.Error("the model does not say its input size: set 'input_size: [width, height]'", "input_size");
                return null;
            }
        }

        var decoder = ResolveDecoder(c, report: true);
        if (decoder is null) return null;
        var head = c.Params.Text("head");
        if (head != "auto" && head != decoder.Head)
            c.Error($"head '{head}' does not fit decoder '{decoder.Name}' (a {decoder.Head} head)", "head");
        foreach (var (name, value) in c.Node.Params)
            if (!Common.Contains(name) && !decoder.Params.Contains(name))
                c.Error($"parameter '{name}' does not apply to decoder '{decoder.Name}' (it takes: {(decoder.Params.Length == 0 ? "none" : string.Join(", ", decoder.Params))})", name);

        // Files and names a head needs are checked now, not when the first image arrives.
        if (LabelsFilePath(c) is { } labelsFile && !File.Exists(labelsFile))
            c.Error($"labels file '{c.Params.Text("labels_file")}' not found (a zoo id or a file next to the pipeline)", "labels_file");
        if (c.Params.Text("preprocess_model") is { } pre && !c.Store.Manifest.Models.Any(m => m.Id == pre && m.IsModel))
            c.Error($"unknown preprocess_model '{pre}'{Core.Text.NameSuggestions.DidYouMean(pre, c.Store.Manifest.Models.Select(m => m.Id))}", "preprocess_model");
        if (c.Params.Text("priors_file") is { } priors && !File.Exists(NextToPipeline(c, priors)))
            c.Error($"priors file '{priors}' not found", "priors_file");
        if (c.Params.List("classes") is { Length: > 0 } keep && LabelsOf(c, decoder) is { Count: > 0 } known)
            foreach (var name in keep.Where(k => !known.Contains(k) && !k.StartsWith("class ", StringComparison.Ordinal)))
                c.Error($"class '{name}' is not one of the model's labels{Core.Text.NameSuggestions.DidYouMean(name, known)}", "classes");

        var input = c.TypeOf("input");
        var output = input == PortType.Image ? decoder.FromImage : decoder.FromCrops;
        if (output is null)
            c.Error($"decoder '{decoder.Name}' cannot run on {input.ToString().ToLowerInvariant()} (it takes {(decoder.FromImage is null ? "crops" : "an image")})", null);
        return output;
    }

    private static Execution.IGraphNode BuildNode(NodeContext c)
    {
        var models = c.Models ?? throw new InvalidOperationException("models are not open");
        var decoder = ResolveDecoder(c, report: false)!;
        var session = Open(c, models);
        var p = c.Params;
        float Threshold(float fallback) => p.Float("threshold") >= 0 ? p.Float("threshold") : fallback;
        float Score(float fallback) => p.Float("score_threshold") >= 0 ? p.Float("score_threshold") : fallback;

        IModelHead head = decoder.Name switch
        {
            "blazeface" => new FaceDetectHead(session, Score(0.5f), p.Float("iou_threshold") >= 0 ? p.Float("iou_threshold") : 0.3f, p.Int("top_k")),
            "db-text" => new TextDetectHead(session, new DbOptions
            {
                BoxThreshold = Score(0.6f), BinaryThreshold = p.Float("binary_threshold"), UnclipRatio = p.Float("unclip_ratio"),
            }, p.Int("max_side"), p.Int("top_k")),
            "probability-mask" => new ProbabilityMaskHead(session, Threshold(0.5f), session.Entry.Labels?.FirstOrDefault() ?? c.Id),
            "text-direction" => new TextDirectionClassifyHead(session, Threshold(0.9f), p.Int("batch_size")),
            "ctc" => new TextRecognizeHead(session, Dictionary(c, models, session), p.Float("min_text_score"), p.Int("batch_size")),
            "embedding" => new EmbeddingHead(session, (p.Text("preprocess_model") ?? session.Entry.PreprocessModel) is { } pre ? models.Open(pre) : null),
            "yolo" or "ssd" or "torchvision" => BoxHead(c, models, session, decoder.Name),
            "classify" => ClassifyHead(c, models, session),
            "yolo-seg" => new InstanceSegmentHead(session, BoxSettings(c, Labels(c, models, session), 0.25f), Threshold(0.5f), Labels(c, models, session)),
            "semantic" => new SemanticSegmentHead(session, p.Bool("background"), Labels(c, models, session)),
            _ => throw new InvalidOperationException($"decoder {decoder.Name}"),
        };
        if (p.List("classes") is { Length: > 0 } keep && decoder.Name is "blazeface" or "db-text") head = new ClassFilterHead(head, keep.ToHashSet());
        var output = c.TypeOf("input") == PortType.Image ? decoder.FromImage!.Value : decoder.FromCrops!.Value;
        return new ModelNode(c.Id, c.Input("input"), head, output);
    }

    private static BoxDecodeSettings BoxSettings(NodeContext c, LabelSet labels, float defaultScore)
    {
        var p = c.Params;
        return new BoxDecodeSettings
        {
            ScoreThreshold = p.Float("score_threshold") >= 0 ? p.Float("score_threshold") : defaultScore,
            Nms = new NmsOptions
            {
                IouThreshold = p.Float("iou_threshold") >= 0 ? p.Float("iou_threshold") : 0.45f,
                ClassAgnostic = p.Bool("class_agnostic"),
                Soft = p.Bool("soft_nms"),
                MaxDetections = p.Int("top_k") > 0 ? p.Int("top_k") : 300,
                SoftScoreThreshold = p.Float("score_threshold") >= 0 ? p.Float("score_threshold") : defaultScore,
            },
            Classes = labels.Indexes(p.List("classes"), c.Document.Path),
        };
    }

    private static IModelHead BoxHead(NodeContext c, ModelCatalog models, ModelSession session, string decoder)
    {
        var p = c.Params;
        var labels = Labels(c, models, session);
        var settings = BoxSettings(c, labels, decoder == "yolo" ? 0.25f : 0.5f);
        if (decoder == "ssd")
            settings = settings with
            {
                Ssd = new SsdOptions
                {
                    Priors = p.Text("priors_file") is { } priors ? ReadPriors(NextToPipeline(c, priors)) : null,
                    Normalized = p.Bool("normalized"),
                    Background = p.Bool("background"),
                    Scores = Activation(p.Text("activation")) is var a && a == ClassActivation.Auto ? ClassActivation.None : a,
                },
            };
        var layout = p.Text("layout") is { } l && l != "auto" ? l
            : DecoderChooser.YoloLayout(session.Engine.Outputs.FirstOrDefault()?.Shape ?? [], new Onnx.OnnxModelInfo([], [], session.Engine.Metadata));
        return new BoxDetectHead(session, decoder, layout, settings, labels);
    }

    private static IModelHead ClassifyHead(NodeContext c, ModelCatalog models, ModelSession session)
    {
        var p = c.Params;
        return new ClassifyHead(session, Activation(p.Text("activation")), p.Int("top_k") > 0 ? p.Int("top_k") : 5,
            Math.Max(0, p.Float("threshold")), Labels(c, models, session));
    }

    private static ClassActivation Activation(string? name) => name switch
    {
        "softmax" => ClassActivation.Softmax,
        "sigmoid" => ClassActivation.Sigmoid,
        "none" => ClassActivation.None,
        _ => ClassActivation.Auto,
    };

    private static float[] ReadPriors(string path)
    {
        if (!File.Exists(path)) throw new ConfigurationException(path, "priors file not found");
        var values = new List<float>();
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            var parts = text.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            if (parts.Length != 4 || !parts.All(x => float.TryParse(x, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)))
                throw new ConfigurationException(path, "expected 4 numbers: cx cy w h", $"line {line}");
            values.AddRange(parts.Select(x => float.Parse(x, System.Globalization.CultureInfo.InvariantCulture)));
        }
        return values.ToArray();
    }

    private static ModelSession Open(NodeContext c, ModelCatalog models)
    {
        var p = c.Params;
        var overrides = new SessionOverrides(
            Engine: p.Text("engine") == "auto" ? null : EngineOptions.ParseEngine(p.Text("engine")),
            Device: p.Text("device") == "default" ? null : EngineOptions.ParseDevice(p.Text("device")),
            Threads: p.Int("threads"),
            Spec: spec => spec with
            {
                Width = p.IntList("input_size") is { Length: 2 } s ? s[0] : spec.Width,
                Height = p.IntList("input_size") is { Length: 2 } t ? t[1] : spec.Height,
                Resize = p.Text("resize") switch
                {
                    "stretch" => ResizeMode.Stretch,
                    "letterbox" => ResizeMode.Letterbox,
                    "letterbox-top-left" => ResizeMode.LetterboxTopLeft,
                    "center-crop" => ResizeMode.CenterCrop,
                    _ => spec.Resize,
                },
                Colors = p.Text("colors") switch { "rgb" => ColorOrder.Rgb, "bgr" => ColorOrder.Bgr, _ => spec.Colors },
                Scale = p.Float("scale") > 0 ? p.Float("scale") : spec.Scale,
                Mean = p.FloatList("mean") is { Length: 3 } m ? m.Select(v => (float)v).ToArray() : spec.Mean,
                Std = p.FloatList("std") is { Length: 3 } d ? d.Select(v => (float)v).ToArray() : spec.Std,
            });
        if (p.Text("model") is { } id) return models.Open(id, overrides);
        var file = FilePath(c);
        var decoder = ResolveDecoder(c, report: false)!.Name;
        var size = p.IntList("input_size") is { Length: 2 } given ? (given[0], given[1]) : FileInputSize(file)!.Value;
        var input = IsOnnx(file) ? Onnx.OnnxModelInfo.Read(file).Inputs.FirstOrDefault() : null;
        var inputName = input?.Name ?? "";
        var defaults = DecoderChooser.DefaultSpec(decoder, new TensorSpec
        {
            Name = inputName, Width = size.Item1, Height = size.Item2,
            Layout = IsNhwc(input?.Shape ?? []) ? TensorLayout.Nhwc : TensorLayout.Nchw,
            Unbatched = input?.Shape.Length == 3, // torchvision detection exports take one [3, H, W] image
        });
        var adjust = overrides.Spec;
        return models.OpenFile(file, decoder, overrides with { Spec = spec => adjust!(defaults with { Name = string.IsNullOrEmpty(inputName) ? spec.Name : inputName }) });
    }

    private static CtcGreedyDecoder Dictionary(NodeContext c, ModelCatalog models, ModelSession session)
    {
        var labels = c.Params.Text("labels_file") ?? session.Entry.LabelsFile
            ?? throw new ConfigurationException(c.Document.Path, "a recognition head needs 'labels_file' (its dictionary)", $"node '{c.Id}'");
        return CtcGreedyDecoder.FromDictionary(ZooOrFile(c, labels, models), session.OutputClassCount());
    }
}
