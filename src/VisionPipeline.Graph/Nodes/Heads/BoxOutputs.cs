using VisionPipeline.Core.Errors;
using VisionPipeline.Decoders.Common;
using VisionPipeline.Decoders.Detection;
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

    /// <summary>torchvision detection exports: boxes, labels and scores, already suppressed.</summary>
    public static List<ScoredBox> Torchvision(ModelSession model, EngineOutputs outputs, BoxDecodeSettings settings) =>
        SsdDecoder.DecodeTorchvision(outputs["boxes"].Data, outputs["labels"].ToFloatArray(), outputs["scores"].ToFloatArray(),
            settings.ScoreThreshold, settings.Classes);

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
