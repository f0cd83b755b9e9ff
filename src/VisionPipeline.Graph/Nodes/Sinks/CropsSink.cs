using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Sinks;

/// <summary>Every crop as an image: DIR/&lt;input path&gt;/&lt;node&gt;-&lt;i&gt;.png.</summary>
public sealed class CropsSink(string id, IReadOnlyList<string> inputs, string directory, string format) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "sink.crops";
    public PortType? Output => null;

    public void Execute(FrameContext context)
    {
        foreach (var input in inputs)
        {
            var crops = context.Get<CropsValue>(input).Items;
            for (int i = 0; i < crops.Count; i++)
                context.WriteImage(context.Output.Full($"{directory}/{context.Frame.RelativePath}/{input}-{i}.{format}"), crops[i].Image);
        }
    }
}
