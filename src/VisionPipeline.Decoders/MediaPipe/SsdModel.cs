using VisionPipeline.Decoders.Common;
using VisionPipeline.Decoders.Suppression;

namespace VisionPipeline.Decoders.MediaPipe;

/// <summary>
/// One MediaPipe SSD detector's decoding, as its graph file sets it: anchors, tensors-to-detections options and
/// suppression (weighted, as the palm detector's graph asks, or plain IoU). <see cref="ForOutputs"/> tells the models apart by their anchor count and values per anchor.
/// </summary>
public sealed record SsdModel(string Name, SsdAnchorOptions AnchorOptions, TensorsToDetectionsOptions Decoding, bool WeightedNms)
{
    private Anchor[]? _anchors;

    public Anchor[] Anchors => _anchors ??= SsdAnchors.Generate(AnchorOptions);

    /// <summary>The SSD MobileNetV2 on Open Images v4 of Objectron (object_detection_oid_v4_cpu.pbtxt): 300×300, 1917 anchors, 24 classes.</summary>
    public static SsdModel ObjectsOidV4 { get; } = new("SSD MobileNetV2 OID v4",
        new SsdAnchorOptions
        {
            InputWidth = 300, InputHeight = 300, MinScale = 0.2f, MaxScale = 0.95f, Strides = [16, 32, 64, 128, 256, 512],
            AspectRatios = [1f, 2f, 0.5f, 3f, 0.3333f], ReduceBoxesInLowestLayer = true,
        },
        new TensorsToDetectionsOptions
        {
            Classes = 24, Coords = 4, IgnoreClasses = [0], ExponentialBoxSize = true,
            XScale = 10, YScale = 10, WScale = 5, HScale = 5,
        },
        WeightedNms: false);

    /// <summary>The palm detector of MediaPipe Hands (palm_detection_cpu.pbtxt): 192×192, 2016 anchors, a box and 7 keypoints each.</summary>
    public static SsdModel Palm { get; } = new("MediaPipe palm detector",
        new SsdAnchorOptions
        {
            InputWidth = 192, InputHeight = 192, MinScale = 0.1484375f, MaxScale = 0.75f, Strides = [8, 16, 16, 16], FixedAnchorSize = true,
        },
        new TensorsToDetectionsOptions
        {
            Classes = 1, Coords = 18, KeypointOffset = 4, Keypoints = 7, ReverseOutputOrder = true, ScoreClip = 100,
            XScale = 192, YScale = 192, WScale = 192, HScale = 192,
        },
        WeightedNms: true);

    public static IReadOnlyList<SsdModel> All { get; } = [ObjectsOidV4, Palm];

    /// <summary>The model whose outputs have this many anchors and values per anchor, or null.</summary>
    public static SsdModel? ForOutputs(int anchors, int coords) =>
        All.FirstOrDefault(m => m.Anchors.Length == anchors && m.Decoding.Coords == coords);

    /// <summary>Decodes and suppresses (MediaPipe's NMS is across classes): detections in tensor pixels, best first.</summary>
    public List<ScoredBox> Detect(ReadOnlySpan<float> boxes, ReadOnlySpan<float> scores, float scoreThreshold, float iouThreshold,
        IReadOnlySet<int>? keepClasses = null)
    {
        var candidates = TensorsToDetections.Decode(boxes, scores, Anchors, Decoding, AnchorOptions.InputWidth, AnchorOptions.InputHeight,
            scoreThreshold, keepClasses);
        return WeightedNms
            ? Suppression.WeightedNms.Apply(candidates, iouThreshold)
            : Nms.Apply(candidates, new NmsOptions { IouThreshold = iouThreshold, ClassAgnostic = true, MaxDetections = 0 });
    }
}
