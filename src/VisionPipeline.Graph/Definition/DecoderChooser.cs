using VisionPipeline.Core.Tensors;
using VisionPipeline.Inference.Onnx;

namespace VisionPipeline.Graph.Definition;

/// <summary>
/// Picks the decoder, output layout, input size and preprocessing of a model that is not in the zoo, from its
/// ONNX metadata (Ultralytics' task, names, imgsz) and otherwise from its output names and shapes.
/// </summary>
public static class DecoderChooser
{
    public sealed record Choice(string Decoder, string Layout, string Reason);

    /// <summary>The decoder, or null with <paramref name="why"/> saying what could not be told.</summary>
    public static Choice? Choose(OnnxModelInfo info, out string why)
    {
        why = "";
        var outputs = info.Outputs;
        string Shapes() => string.Join(", ", outputs.Select(o => o.ToString()));
        switch (info.Task)
        {
            case "detect": return new Choice("yolo", YoloLayout(outputs[0].Shape, info), "Ultralytics metadata task=detect");
            case "segment": return new Choice("yolo-seg", "yolov8", "Ultralytics metadata task=segment");
            case "classify": return new Choice("classify", "", "Ultralytics metadata task=classify");
            case { } task:
                why = $"the model's task '{task}' has no decoder here (supported: detect, segment, classify)";
                return null;
        }
        var names = outputs.Select(o => o.Name.ToLowerInvariant()).ToList();
        if (names.Contains("boxes") && names.Contains("labels") && names.Contains("scores"))
            return new Choice("torchvision", "", "outputs boxes, labels, scores");
        if (outputs.Count == 2 && names.Contains("boxes") && names.Contains("scores"))
            return new Choice("ssd", "", "outputs boxes and scores");
        if (outputs.Count == 2 && outputs[0].Shape.Length == 3 && outputs[1].Shape.Length == 4)
            return new Choice("yolo-seg", "yolov8", "a [N, 4+C+M, A] output and [N, M, h, w] prototypes");
        if (outputs.Count == 1)
        {
            var shape = outputs[0].Shape;
            switch (shape.Length)
            {
                case 2: return new Choice("classify", "", "one [N, C] output");
                case 3: return new Choice("yolo", YoloLayout(shape, info), $"one {outputs[0]} output");
                case 4 when shape[1] == 1: return new Choice("probability-mask", "", "one [N, 1, H, W] output");
                case 4: return new Choice("semantic", "", "one [N, C, H, W] output");
            }
        }
        why = $"cannot tell how to decode outputs {Shapes()}";
        return null;
    }

    /// <summary>
    /// [N, K, 6] with few rows is NMS-free end-to-end; otherwise the smaller of the last two dimensions holds the
    /// box and class values: first (channels-first) for YOLOv8/11, last for YOLOv5.
    /// </summary>
    public static string YoloLayout(long[] shape, OnnxModelInfo? info = null)
    {
        if (shape.Length != 3) return "yolov8";
        long a = shape[1], b = shape[2];
        if (info?.Metadata.GetValueOrDefault("end2end") is "True" or "true") return "end2end";
        int? classes = info?.Names?.Count;
        if (classes is { } c)
        {
            // With the class count known, the box-and-class dimension identifies the layout.
            if (a == 4 + c || a > 4 + c && a < b) return "yolov8";
            if (b == 5 + c) return "yolov5";
            if (b == 6 && c != 1) return "end2end";
        }
        if (b == 6 && a > 0 && a <= 1000) return "end2end";
        return a > 0 && b > 0 && a > b ? "yolov5" : "yolov8";
    }

    /// <summary>The usual preprocessing for a decoder's model family when the file says nothing.</summary>
    public static TensorSpec DefaultSpec(string decoder, TensorSpec spec) => decoder switch
    {
        // Ultralytics: letterbox with grey 114, RGB, 0–1.
        "yolo" or "yolo-seg" => spec with { Resize = ResizeMode.Letterbox, PadValue = 114, Colors = ColorOrder.Rgb, Scale = 1 / 255f, Mean = [0, 0, 0], Std = [1, 1, 1] },
        // torchvision classifiers and segmenters: ImageNet mean/std on RGB 0–1.
        "classify" => spec with { Resize = ResizeMode.CenterCrop, Colors = ColorOrder.Rgb, Scale = 1 / 255f, Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f] },
        "semantic" or "probability-mask" => spec with { Resize = ResizeMode.Stretch, Colors = ColorOrder.Rgb, Scale = 1 / 255f, Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f] },
        // torchvision and SSD detectors take RGB 0–1 (they normalise inside).
        _ => spec with { Resize = ResizeMode.Stretch, Colors = ColorOrder.Rgb, Scale = 1 / 255f, Mean = [0, 0, 0], Std = [1, 1, 1] },
    };
}
