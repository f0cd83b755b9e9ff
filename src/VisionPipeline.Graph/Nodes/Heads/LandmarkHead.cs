using System.Numerics.Tensors;
using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Core.Targets;
using VisionPipeline.Decoders.Landmarks;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Nodes.Ops;
using VisionPipeline.Graph.Values;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>
/// MediaPipe landmark models (pose, hands, face mesh) on crops (or a whole image): one detection per crop where the
/// model says its subject is present, with the named keypoints mapped back through the crop's exact map to the
/// frame, their visibility where the model gives it, and for hands the handedness as the label. With
/// <c>refine</c>, a model with alignment points (pose) looks a second time at the square region they give, turned
/// upright, cut from the frame itself, as MediaPipe does from one frame to the next.
/// </summary>
public sealed class LandmarkHead(ModelSession model, float presenceThreshold, LabelSet labels, bool refine) : IModelHead
{
    public PortType? OutputFor(PortType input) => input is PortType.Image or PortType.Crops ? PortType.Detections : null;

    public GraphValue Run(string nodeId, GraphValue input, FrameContext context)
    {
        var found = new List<Detection>();
        switch (input)
        {
            case ImageValue image:
                if (Landmarks(nodeId, image.Image, Homography.From(image.ToFrame), context.Frame.Image) is { } whole) found.Add(whole);
                break;
            case CropsValue crops:
                foreach (var crop in crops.Items)
                    if (Landmarks(nodeId, crop.Image, crop.ToFrame, context.Frame.Image) is { } d) found.Add(d);
                break;
        }
        return new DetectionsValue(found);
    }

    /// <summary>The landmarks of the one subject in the image, in frame pixels, or null when the model says there is none.</summary>
    public Detection? Landmarks(string nodeId, Mat image, Homography toFrame, Mat frame)
    {
        var (first, alignment) = Look(nodeId, image, toFrame);
        if (first is null || !refine || alignment is not var (centre, reach)) return first;
        // MediaPipe's region from the alignment points: centred on the first, as wide as twice their distance,
        // turned so that they point up, square, 1.25 times that, at the model's input size.
        float r = MathF.Sqrt((reach.X - centre.X) * (reach.X - centre.X) + (reach.Y - centre.Y) * (reach.Y - centre.Y));
        var around = new Detection(nodeId, "", 0, new BoxF(centre.X - r, centre.Y - r, centre.X + r, centre.Y + r)) { Keypoints = [centre, reach] };
        if (Alignment.Region(around, padding: 0.125) is not var (cropToFrame, w, h)) return first;
        using var second = CropNode.Cut(frame, cropToFrame, w, h, BorderTypes.Constant);
        return Look(nodeId, second, Homography.From(cropToFrame)).Found ?? first;
    }

    private readonly CropOrientation Alignment = new(Square: true, Shift: [0, 0], RotateBy: [0, 1], Angle: 90, Size: model.InputSpec.Width);

    private (Detection? Found, (Point2f, Point2f)? Alignment) Look(string nodeId, Mat image, Homography toFrame)
    {
        var (placement, outputs) = ModelInput.Run(model, image);
        using (outputs)
        {
            var (layout, main) = MainOutput(outputs);
            var flags = outputs.All.Where(o => o.Length == 1).OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
            if (flags.Count < (layout.HasHandedness ? 2 : 1))
                throw new VisionException(model.Engine.ModelPath, $"the {layout.Name} model needs {(layout.HasHandedness ? "two" : "a")} one-value output(s) " +
                                                                  $"(presence{(layout.HasHandedness ? ", handedness" : "")}), got {Shapes(outputs)}");
            float presence = layout.Presence(flags[0].Data[0]);
            if (presence < presenceThreshold) return (null, null);

            var toImage = placement.ToOriginal;
            Point2f ToFrame(Point2f p) => toFrame.Apply(toImage.Apply(p));
            var (points, visibility) = layout.Decode(main.Data);
            for (int i = 0; i < points.Length; i++) points[i] = ToFrame(points[i]);
            string label = labels.Names.Count == 0 ? layout.Skeleton.Name : labels[0];
            if (layout.HasHandedness)
            {
                // MediaPipe's binary handedness: the score is that of the first label (Left), its complement the second's.
                float first = flags[1].Data[0];
                label = labels[first >= 0.5f ? 0 : 1];
            }
            var found = new Detection(nodeId, label, presence, Bounds(points))
            {
                Keypoints = points, KeypointScores = visibility, Skeleton = layout.Skeleton.Name,
            };
            return (found, layout.Alignment(main.Data) is var (c, r) ? (ToFrame(c), ToFrame(r)) : null);
        }
    }

    /// <summary>
    /// The landmark output: the one whose size is a known model's; where two are (screen and world landmarks of the
    /// hand model), the screen one, in input pixels, is the one with the larger values.
    /// </summary>
    private (LandmarkModel Layout, OutputTensor Output) MainOutput(EngineOutputs outputs)
    {
        var candidates = outputs.All.Where(o => LandmarkModel.ForValues(o.Length) is not null).ToList();
        if (candidates.Count == 0)
            throw new VisionException(model.Engine.ModelPath,
                $"no landmark output of a known size ({string.Join(", ", LandmarkModel.All.Select(m => $"{m.Name}: {m.Values} values"))}) among {Shapes(outputs)}");
        var main = candidates.MaxBy(o => TensorPrimitives.MaxMagnitude(o.Data))!;
        return (LandmarkModel.ForValues(main.Length)!, main);
    }

    private static BoxF Bounds(Point2f[] points)
    {
        float x1 = float.MaxValue, y1 = float.MaxValue, x2 = float.MinValue, y2 = float.MinValue;
        foreach (var p in points)
        {
            x1 = Math.Min(x1, p.X); y1 = Math.Min(y1, p.Y);
            x2 = Math.Max(x2, p.X); y2 = Math.Max(y2, p.Y);
        }
        return new BoxF(x1, y1, x2, y2);
    }

    private static string Shapes(EngineOutputs outputs) => string.Join(", ", outputs.All.Select(o => o.Name + o.ShapeText));
}
