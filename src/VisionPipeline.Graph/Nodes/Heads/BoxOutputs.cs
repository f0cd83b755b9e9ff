using VisionPipeline.Core.Errors;
using VisionPipeline.Decoders.Common;
using VisionPipeline.Decoders.Detection;
using VisionPipeline.Decoders.MediaPipe;
using VisionPipeline.Decoders.Suppression;
using VisionPipeline.Graph.Models;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>The layouts of YOLO's output: rows of boxes (v5), channels-first (v8/11), or NMS-free end-to-end rows.</summary>
public enum YoloLayout { Yolov5, Yolov8, End2end }

/// <summary>Turns a box detector's outputs into candidate boxes in tensor pixels.</summary>
public delegate List<ScoredBox> BoxCandidates(ModelSession model, EngineOutputs outputs, BoxDecodeSettings settings);

/// <summary>The candidate boxes of each box detector family users bring.</summary>
public static class BoxOutputs
{
    /// <summary>SSD: a box output [N, A, 4] (named "boxes", or found by shape) and a score output [N, A, C].</summary>
    public static List<ScoredBox> Ssd(ModelSession model, EngineOutputs outputs, BoxDecodeSettings settings)
    {
        var boxes = outputs.All.FirstOrDefault(o => string.Equals(o.Name, "boxes", StringComparison.OrdinalIgnoreCase))
            ?? outputs.All.FirstOrDefault(o => o.Shape.Length == 3 && o.Shape[^1] == 4)
            ?? throw new VisionException(model.Engine.ModelPath, $"no SSD box output [N, A, 4] among {string.Join(", ", outputs.All.Select(o => o.Name + o.ShapeText))}");
        var scores = outputs.All.FirstOrDefault(o => o != boxes && o.Shape.Length == 3)
            ?? throw new VisionException(model.Engine.ModelPath, "no SSD score output [N, A, C]");
        var spec = model.InputSpec;
        return SsdDecoder.Decode(boxes.Data, scores.Data, scores.Shape[2], spec.Width, spec.Height, settings.ScoreThreshold, settings.Ssd, settings.Classes);
    }

    /// <summary>
    /// MediaPipe's SSD detectors (objects, palms): a box output [N, A, coords] and a score output [N, A, C], told apart
    /// by their last dimension; the model is recognised by A and coords; decoded and suppressed as its graph file says.
    /// </summary>
    public static List<ScoredBox> MediaPipeSsd(ModelSession model, EngineOutputs outputs, BoxDecodeSettings settings)
    {
        string Shapes() => string.Join(", ", outputs.All.Select(o => o.Name + o.ShapeText));
        string Known() => string.Join("; ", SsdModel.All.Select(m => $"{m.Name}: [1, {m.Anchors.Length}, {m.Decoding.Coords}] and [1, {m.Anchors.Length}, {m.Decoding.Classes}]"));
        var ranked = outputs.All.Where(o => o.Shape.Length == 3).ToList();
        var ssd = ranked.Count == 2 ? ranked.Select(o => SsdModel.ForOutputs(o.Shape[1], o.Shape[2])).FirstOrDefault(m => m is not null) : null;
        if (ssd is null)
            throw new VisionException(model.Engine.ModelPath, $"outputs {Shapes()} are not a MediaPipe SSD detector's (known: {Known()})");
        var boxes = ranked.First(o => o.Shape[2] == ssd.Decoding.Coords);
        var scores = ranked.First(o => o != boxes);
        if (scores.Shape[2] != ssd.Decoding.Classes || scores.Shape[1] != boxes.Shape[1])
            throw new VisionException(model.Engine.ModelPath, $"outputs {Shapes()}: the {ssd.Name} has {ssd.Decoding.Classes} class scores per anchor");
        return ssd.Detect(boxes.Data, scores.Data, settings.ScoreThreshold, settings.Nms.IouThreshold, settings.Classes);
    }

    /// <summary>torchvision detection exports: boxes, labels and scores, already suppressed.</summary>
    public static List<ScoredBox> Torchvision(ModelSession model, EngineOutputs outputs, BoxDecodeSettings settings) =>
        SsdDecoder.DecodeTorchvision(outputs["boxes"].Data, outputs["labels"].ToFloatArray(), outputs["scores"].ToFloatArray(),
            settings.ScoreThreshold, settings.Classes);

    /// <summary>YOLOv8/11 pose: one [N, 4 + C + K·D, A] output; K keypoints of D values (x, y, visibility).</summary>
    public static BoxCandidates YoloPose(int classes, int keypoints, int valuesPerKeypoint) => (model, outputs, settings) =>
    {
        var output = ModelInput.ByRank(model, outputs, 3);
        int channels = output.Shape[1], anchors = output.Shape[2];
        if (channels != 4 + classes + keypoints * valuesPerKeypoint)
            throw new VisionException(model.Engine.ModelPath,
                $"a YOLO pose output needs 4 + {classes} classes + {keypoints} × {valuesPerKeypoint} keypoint values = {4 + classes + keypoints * valuesPerKeypoint} channels, got {output.Name}{output.ShapeText}");
        return YoloKeypointDecoder.DecodePose(output.Data.Slice(0, channels * anchors), anchors, classes, keypoints, valuesPerKeypoint, settings.ScoreThreshold, settings.Classes);
    };

    /// <summary>YOLOv8/11 oriented boxes: one [N, 4 + C + 1, A] output (the angle last), suppressed by rotated IoU.</summary>
    public static List<ScoredBox> YoloObb(ModelSession model, EngineOutputs outputs, BoxDecodeSettings settings)
    {
        var output = ModelInput.ByRank(model, outputs, 3);
        int channels = output.Shape[1], anchors = output.Shape[2];
        if (channels < 6)
            throw new VisionException(model.Engine.ModelPath, $"a YOLO OBB output needs [N, 4 + classes + 1, anchors], got {output.Name}{output.ShapeText}");
        var candidates = YoloKeypointDecoder.DecodeObb(output.Data.Slice(0, channels * anchors), anchors, channels - 5, settings.ScoreThreshold, settings.Classes);
        return RotatedNms.Apply(candidates, settings.Nms.IouThreshold, settings.Nms.ClassAgnostic, settings.Nms.MaxDetections);
    }

    /// <summary>YOLO's one [N, a, b] output in the given layout.</summary>
    public static BoxCandidates Yolo(YoloLayout layout) => (model, outputs, settings) =>
    {
        var output = ModelInput.ByRank(model, outputs, 3);
        int a = output.Shape[1], b = output.Shape[2];
        return layout switch
        {
            YoloLayout.Yolov5 => YoloDecoder.DecodeV5(output.Data, a, b - 5, settings.ScoreThreshold, settings.Classes),
            YoloLayout.End2end => YoloDecoder.DecodeEndToEnd(output.Data, settings.ScoreThreshold, settings.Classes),
            _ => YoloDecoder.DecodeV8(output.Data, b, a - 4, settings.ScoreThreshold, 0, settings.Classes),
        };
    };
}
