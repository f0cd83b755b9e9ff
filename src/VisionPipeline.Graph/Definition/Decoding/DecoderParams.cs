using VisionPipeline.Graph.Definition.Options;

namespace VisionPipeline.Graph.Definition.Decoding;

// The decoder parameters several decoders take, each declared once; every decoder's options record marks its
// property with one of these and gives the property its own default.

public sealed class ScoreThresholdAttribute : ParamAttribute
{
    public ScoreThresholdAttribute() : base("score_threshold", "lowest score kept") { Min = 0; Max = 1; }
}

public sealed class IouThresholdAttribute : ParamAttribute
{
    public IouThresholdAttribute() : base("iou_threshold", "NMS overlap threshold") { Min = 0; Max = 1; }
}

public sealed class TopKAttribute : ParamAttribute
{
    public TopKAttribute() : base("top_k", "at most this many detections, best first (0: all)") { Min = 0; Max = 100000; }
}

public sealed class ClassesAttribute() : ParamAttribute("classes", "labels to keep (empty: all)");

public sealed class LabelsFileAttribute() : ParamAttribute("labels_file", "zoo id or file with one label per line (recognition dictionary)");

public sealed class ThresholdAttribute : ParamAttribute
{
    public ThresholdAttribute() : base("threshold", "mask or classifier probability threshold") { Min = 0; Max = 1; }
}

public sealed class BatchSizeAttribute : ParamAttribute
{
    public BatchSizeAttribute() : base("batch_size", "crops per batch") { Min = 1; Max = 256; }
}

public sealed class BackgroundAttribute() : ParamAttribute("background", "class 0 is background (SSD scores, semantic masks)");

public sealed class ActivationAttribute : ParamAttribute
{
    public ActivationAttribute() : base("activation", "class score activation (auto: softmax unless already probabilities)")
    {
        Choices = ["auto", "softmax", "sigmoid", "none"];
    }
}
