using VisionPipeline.Graph.Definition.Decoding;
using VisionPipeline.Graph.Nodes.Heads;
using VisionPipeline.Inference.Onnx;

namespace VisionPipeline.Graph.Definition;

/// <summary>
/// Picks the decoder, output layout, input size and preprocessing of a model that is not in the zoo, from its
/// ONNX metadata (Ultralytics' task, names, imgsz) and otherwise from its output names and shapes. The usual
/// preprocessing of each decoder's model family is its <see cref="Decoding.DecoderKind.DefaultSpec"/>.
/// </summary>
public static class DecoderChooser
{
    /// <summary>A decoder, the YOLO layout when it is one, and why.</summary>
    public sealed record Choice(DecoderKind Decoder, YoloLayout? Layout, string Reason);

    /// <summary>The decoder, or null with <paramref name="why"/> saying what could not be told.</summary>
    public static Choice? Choose(OnnxModelInfo info, out string why)
    {
        why = "";
        var outputs = info.Outputs;
        string Shapes() => string.Join(", ", outputs.Select(o => o.ToString()));
        switch (info.Task)
        {
            case "detect": return new Choice(DecoderKinds.Yolo, YoloLayoutOf(outputs[0].Shape, info), "Ultralytics metadata task=detect");
            case "segment": return new Choice(DecoderKinds.YoloSeg, YoloLayout.Yolov8, "Ultralytics metadata task=segment");
            case "classify": return new Choice(DecoderKinds.Classify, null, "Ultralytics metadata task=classify");
            case "pose": return new Choice(DecoderKinds.YoloPose, YoloLayout.Yolov8, "Ultralytics metadata task=pose");
            case "obb": return new Choice(DecoderKinds.YoloObb, YoloLayout.Yolov8, "Ultralytics metadata task=obb");
            // Not Ultralytics: vision train's semantic segmenters ([N, C, H, W] class scores); Ultralytics' "segment" is instance masks.
            case "semantic": return new Choice(DecoderKinds.Semantic, null, "metadata task=semantic");
            case { } task:
                why = $"the model's task '{task}' has no decoder here (supported: detect, segment, classify, pose, obb, semantic)";
                return null;
        }
        var names = outputs.Select(o => o.Name.ToLowerInvariant()).ToList();
        if (names.Contains("boxes") && names.Contains("labels") && names.Contains("scores"))
            return new Choice(DecoderKinds.Torchvision, null, "outputs boxes, labels, scores");
        if (outputs.Count == 2 && names.Contains("boxes") && names.Contains("scores"))
            return new Choice(DecoderKinds.Ssd, null, "outputs boxes and scores");
        if (outputs.Count == 2 && outputs[0].Shape.Length == 3 && outputs[1].Shape.Length == 4)
            return new Choice(DecoderKinds.YoloSeg, YoloLayout.Yolov8, "a [N, 4+C+M, A] output and [N, M, h, w] prototypes");
        if (outputs.Count == 1)
        {
            var shape = outputs[0].Shape;
            switch (shape.Length)
            {
                case 2: return new Choice(DecoderKinds.Classify, null, "one [N, C] output");
                case 3: return new Choice(DecoderKinds.Yolo, YoloLayoutOf(shape, info), $"one {outputs[0]} output");
                case 4 when shape[1] == 1: return new Choice(DecoderKinds.ProbabilityMask, null, "one [N, 1, H, W] output");
                case 4: return new Choice(DecoderKinds.Semantic, null, "one [N, C, H, W] output");
            }
        }
        why = $"cannot tell how to decode outputs {Shapes()}";
        return null;
    }

    /// <summary>
    /// [N, K, 6] with few rows is NMS-free end-to-end; otherwise the smaller of the last two dimensions holds the
    /// box and class values: first (channels-first) for YOLOv8/11, last for YOLOv5.
    /// </summary>
    public static YoloLayout YoloLayoutOf(long[] shape, OnnxModelInfo? info = null)
    {
        if (shape.Length != 3) return YoloLayout.Yolov8;
        long a = shape[1], b = shape[2];
        if (info?.Metadata.GetValueOrDefault("end2end") is "True" or "true") return YoloLayout.End2end;
        int? classes = info?.Names?.Count;
        if (classes is { } c)
        {
            // With the class count known, the box-and-class dimension identifies the layout.
            if (a == 4 + c || a > 4 + c && a < b) return YoloLayout.Yolov8;
            if (b == 5 + c) return YoloLayout.Yolov5;
            if (b == 6 && c != 1) return YoloLayout.End2end;
        }
        if (b == 6 && a > 0 && a <= 1000) return YoloLayout.End2end;
        return a > 0 && b > 0 && a > b ? YoloLayout.Yolov5 : YoloLayout.Yolov8;
    }
}
