using VisionPipeline.Graph.Definition.Kinds;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Nodes.Stages;

namespace VisionPipeline.Graph.Definition;

/// <summary>Every node kind a pipeline file can use, with its ports and parameters.</summary>
public static class NodeCatalog
{
    public static IReadOnlyDictionary<string, NodeKind> Kinds { get; } = Build().ToDictionary(k => k.Name, StringComparer.Ordinal);

    private static IEnumerable<NodeKind> Build()
    {
        yield return new NodeKind<NoOptions>
        {
            Name = "source.images",
            Description = "The decoded input image (BGR, EXIF orientation applied); every pipeline has exactly one",
            Output = (_, _) => PortType.Image,
            Node = (c, _) => new SourceNode(c.Id),
        };
        foreach (var stage in StageKinds.All()) yield return stage;
        yield return ModelKind.Kind;
        foreach (var op in OpKinds.All()) yield return op;
        foreach (var sink in SinkKinds.All()) yield return sink;
    }
}
