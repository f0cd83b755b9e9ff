using VisionPipeline.Core.Targets;
using VisionPipeline.Decoders.Suppression;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Ops;

/// <summary>Keeps detections of the listed labels, at or above a score, at most top-k of them (best first).</summary>
public sealed class FilterNode(string id, string input, IReadOnlySet<string> labels, float minScore, int topK) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "op.filter";
    public PortType? Output => PortType.Detections;

    public void Execute(FrameContext context)
    {
        IEnumerable<Detection> kept = context.Get<DetectionsValue>(input).Items
            .Where(d => d.Score >= minScore && (labels.Count == 0 || labels.Contains(d.Label)));
        if (topK > 0) kept = kept.OrderByDescending(d => d.Score).Take(topK);
        context.Set(Id, new DetectionsValue(kept.Select(d => d with { Node = Id }).ToList()));
    }
}

/// <summary>
/// Joins the detections of several nodes and suppresses overlaps across them (greedy NMS, per label when
/// class-aware): for ensembles of detectors, and for the tiles of a tiled detector.
/// </summary>
public sealed class MergeNode(string id, IReadOnlyList<string> inputs, float iouThreshold, bool classAware, int topK) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "op.merge";
    public PortType? Output => PortType.Detections;

    public void Execute(FrameContext context)
    {
        var all = inputs.SelectMany(i => context.Get<DetectionsValue>(i).Items).ToList();
        var labels = all.Select(d => d.Label).Distinct().ToList();
        var kept = Nms.Apply(all.Select(d => d.Box).ToList(), all.Select(d => d.Score).ToList(),
            classAware ? all.Select(d => labels.IndexOf(d.Label)).ToList() : null, iouThreshold, topK);
        context.Set(Id, new DetectionsValue(kept.Select(i => all[i] with { Node = Id }).ToList()));
    }
}
