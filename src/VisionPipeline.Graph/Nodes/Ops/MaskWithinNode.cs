using OpenCvSharp;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Ops;

/// <summary>
/// A mask cascade: each mask is kept only inside the boxes of the given detections (of some labels, grown by
/// <c>padding</c>); with no such detection in the frame there is no mask at all.
/// </summary>
public sealed class MaskWithinNode(string id, string masks, string detections, IReadOnlySet<string> labels, double padding) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "op.mask_within";
    public PortType? Output => PortType.Masks;

    public void Execute(FrameContext context)
    {
        var boxes = context.Get<DetectionsValue>(detections).Items.Where(d => labels.Count == 0 || labels.Contains(d.Label)).ToList();
        var kept = new List<MaskTarget>();
        if (boxes.Count > 0)
        {
            // The boxes' region, drawn once for each mask size (the masks of one frame share the frame's size).
            var regions = new Dictionary<Size, Mat>();
            Mat RegionOf(Size size)
            {
                if (regions.TryGetValue(size, out var drawn)) return drawn;
                var region = new Mat(size, MatType.CV_8UC1, Scalar.All(0));
                foreach (var d in boxes)
                {
                    float padX = (float)(d.Box.Width * padding), padY = (float)(d.Box.Height * padding);
                    var from = new Point((int)Math.Floor(d.Box.X1 - padX), (int)Math.Floor(d.Box.Y1 - padY));
                    var to = new Point((int)Math.Ceiling(d.Box.X2 + padX) - 1, (int)Math.Ceiling(d.Box.Y2 + padY) - 1);
                    Cv2.Rectangle(region, from, to, Scalar.All(255), -1);
                }
                return regions[size] = region;
            }
            try
            {
                foreach (var m in context.Get<MasksValue>(masks).Items)
                {
                    var inside = new Mat();
                    Cv2.BitwiseAnd(m.Mask, RegionOf(m.Mask.Size()), inside);
                    var mask = new MaskTarget(Id, m.Label, inside) { Score = m.Score, Box = m.Box, ClassIndex = m.ClassIndex };
                    if (mask.Area > 0) kept.Add(mask);
                    else mask.Dispose();
                }
            }
            finally
            {
                foreach (var region in regions.Values) region.Dispose();
            }
        }
        context.Set(Id, new MasksValue(kept));
    }
}
