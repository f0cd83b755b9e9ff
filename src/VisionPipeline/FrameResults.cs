using VisionPipeline.Core.Results;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Nodes.Heads;
using VisionPipeline.Graph.Values;

namespace VisionPipeline;

/// <summary>
/// Turns a processed frame's values into its <see cref="PipelineResult"/>: the nodes the pipeline records (its
/// sink.jsonl's inputs, or every node that finds something when it has none), with the masks taken out of the frame
/// so that the result owns them.
/// </summary>
internal sealed class FrameResults
{
    private readonly RecordBuilder _records;
    private readonly IReadOnlySet<string> _classifiers;

    public FrameResults(PipelineGraph graph)
    {
        var found = graph.ResultsNodes.Count > 0
            ? graph.ResultsNodes
            : graph.Nodes.Where(n => n.Output is PortType.Detections or PortType.Masks or PortType.Embeddings).Select(n => n.Id).ToHashSet();
        _records = new RecordBuilder(graph.Nodes.Select(n => n.Id).Where(found.Contains).ToList(), new Dictionary<string, string>());
        var images = graph.Nodes.Where(n => n.Output == PortType.Image).Select(n => n.Id).ToHashSet();
        _classifiers = graph.Nodes.OfType<ModelNode>().Where(n => n.Head is ClassifyHead && images.Contains(n.InputId)).Select(n => n.Id).ToHashSet();
    }

    public PipelineResult Take(FrameContext context, ExifRecord? exif)
    {
        var record = _records.Build(context, exif);
        var detections = new List<Detection>();
        var classifications = new List<Classification>();
        var masks = new List<MaskTarget>();
        var embeddings = new List<Embedding>();
        foreach (var node in _records.RecordedNodes)
        {
            switch (context.Get(node))
            {
                case DetectionsValue d:
                    detections.AddRange(d.Items);
                    if (_classifiers.Contains(node)) classifications.AddRange(d.Items.Select(x => new Classification(x.Node, x.Label, x.Score)));
                    break;
                case MasksValue:
                    masks.AddRange(((MasksValue)context.Take(node)!).Items); // the result owns these Mats now
                    break;
                case EmbeddingsValue e:
                    embeddings.AddRange(e.Items);
                    break;
            }
        }
        return new PipelineResult(record, context.Frame.Index, detections, classifications, masks, embeddings);
    }
}
