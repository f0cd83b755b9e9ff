using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Stages;

/// <summary>
/// An OpenCV stage: image in, image out, plus the map it applied (input pixels → output pixels), which is folded
/// into the output's map back to the frame.
/// </summary>
public sealed class StageNode(string id, string kind, string input, Func<Mat, (Mat Image, AffineMap Applied)> transform) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind { get; } = kind;
    public PortType? Output => PortType.Image;

    public void Execute(FrameContext context)
    {
        var source = context.Get<ImageValue>(input);
        var (image, applied) = transform(source.Image);
        context.Set(Id, new ImageValue(image, applied.Invert().Then(source.ToFrame)));
    }
}

/// <summary>The image the frame was decoded to; every graph starts here.</summary>
public sealed class SourceNode(string id) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "source.images";
    public PortType? Output => PortType.Image;

    public void Execute(FrameContext context) =>
        context.Set(Id, new ImageValue(context.Frame.Image, AffineMap.Identity, ownsImage: false));
}
