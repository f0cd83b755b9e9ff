using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Sinks;

/// <summary>The targets a sink's input nodes produced for the current frame.</summary>
internal static class SinkInputs
{
    public static IEnumerable<Detection> Detections(FrameContext context, IEnumerable<string> inputs) =>
        inputs.Select(context.Get).OfType<DetectionsValue>().SelectMany(v => v.Items);

    public static IEnumerable<MaskTarget> Masks(FrameContext context, IEnumerable<string> inputs) =>
        inputs.Select(context.Get).OfType<MasksValue>().SelectMany(v => v.Items);
}
