using OpenCvSharp;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Drawing;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Sinks;

/// <summary>The frame (or an image node's output) with its inputs' boxes, keypoints, polygons and masks drawn.</summary>
public sealed class AnnotatedSink(string id, string? image, IReadOnlyList<string> inputs, string directory, bool textPanel) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "sink.annotated";
    public PortType? Output => null;

    public void Execute(FrameContext context)
    {
        var detections = SinkInputs.Detections(context, inputs).ToList();
        var masks = SinkInputs.Masks(context, inputs).ToList();
        if (detections.Count == 0 && masks.Count == 0)
        {
            // Nothing to draw (or only an image asked for, as `people` writes its blurred photo): no copy to draw on.
            context.WriteImage(context.Output.AnnotatedPath(context.Frame.RelativePath, directory), image is null ? context.Frame.Image : context.Get<ImageValue>(image).Image);
            return;
        }
        if (image is null)
        {
            using var drawn = Annotator.Draw(context.Frame.Image, detections, masks, inputs, textPanel);
            context.WriteImage(context.Output.AnnotatedPath(context.Frame.RelativePath, directory), drawn);
            return;
        }

        // Targets are in frame pixels; drawn on another node's image, they go through that image's map.
        var target = context.Get<ImageValue>(image);
        var fromFrame = target.FromFrame;
        var mapped = detections.Select(d => d with
        {
            Box = fromFrame.Apply(d.Box),
            Keypoints = d.Keypoints?.Select(fromFrame.Apply).ToArray(),
            Polygon = d.Polygon?.Select(fromFrame.Apply).ToArray(),
        }).ToList();
        var warpedMasks = new List<MaskTarget>();
        try
        {
            using var toFrame = target.ToFrame.ToWarpMatrix();
            foreach (var m in masks)
            {
                var warped = new Mat();
                Cv2.WarpAffine(m.Mask, warped, toFrame, target.Image.Size(), InterpolationFlags.Nearest | InterpolationFlags.WarpInverseMap);
                warpedMasks.Add(new MaskTarget(m.Node, m.Label, warped) { ClassIndex = m.ClassIndex });
            }
            using var drawn = Annotator.Draw(target.Image, mapped, warpedMasks, inputs, textPanel);
            context.WriteImage(context.Output.AnnotatedPath(context.Frame.RelativePath, directory), drawn);
        }
        finally
        {
            foreach (var m in warpedMasks) m.Dispose();
        }
    }
}
