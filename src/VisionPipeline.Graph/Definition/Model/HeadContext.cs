using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Nodes.Heads;
using VisionPipeline.Inference.Onnx;

namespace VisionPipeline.Graph.Definition.Model;

/// <summary>What a decoder has to build its head: the node, its opened model, the open models and the names they resolve.</summary>
public sealed class HeadContext(string nodeId, ModelSession session, ModelCatalog models, ModelFiles files)
{
    public string NodeId { get; } = nodeId;
    public ModelSession Session { get; } = session;
    public ModelCatalog Models { get; } = models;
    public ModelFiles Files { get; } = files;

    /// <summary>Class names: from the labels file when one is named, else the model's metadata, else the zoo entry's (its list or its labels file).</summary>
    public LabelSet Labels(string? labelsFile)
    {
        if (labelsFile is not null) return LabelSet.FromFile(Files.ZooOrFile(labelsFile, Models));
        if (new OnnxModelInfo([], [], Session.Engine.Metadata).Names is { } names) return new LabelSet(names);
        if (Session.Entry.LabelsFile is { } zooLabels) return LabelSet.FromFile(Files.ZooOrFile(zooLabels, Models));
        return new LabelSet(Session.Entry.Labels ?? []);
    }
}
