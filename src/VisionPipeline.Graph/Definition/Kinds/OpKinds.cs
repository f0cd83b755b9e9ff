using OpenCvSharp;
using VisionPipeline.Graph.Nodes.Ops;
using VisionPipeline.Graph.Nodes.Stages;

namespace VisionPipeline.Graph.Definition.Kinds;

/// <summary>The operations on detections, masks and crops.</summary>
public static class OpKinds
{
    public static IEnumerable<NodeKind> All()
    {
        yield return new NodeKind<CropOptions>
        {
            Name = "op.crop",
            Description = "Cut every detection out of an image (optionally its quadrilateral, rectified) for a further model",
            Ports = [new("image", [PortType.Image]), new("detections", [PortType.Detections])],
            Output = (_, _) => PortType.Crops,
            Node = (c, o) => new CropNode(c.Id, c.Input("image"), c.Input("detections"), o.Padding, o.Rectify, o.Border.ToOpenCv(), o.MinSize, o.Orientation),
        };
        yield return new NodeKind<ApplyMaskOptions>
        {
            Name = "op.apply_mask",
            Description = "Blur or replace the background outside the masks, or blur what they cover",
            Ports = [new("image", [PortType.Image]), new("masks", [PortType.Masks])],
            Output = (c, o) => { StageKinds.OddKernel(c, o.Kernel); return PortType.Image; },
            Node = (c, o) => new ApplyMaskNode(c.Id, c.Input("image"), c.Input("masks"), o.Effect, o.Kernel,
                o.Color.Length == 3 ? new Scalar(o.Color[0], o.Color[1], o.Color[2]) : Scalar.All(255)),
        };
        yield return new NodeKind<MaskWithinOptions>
        {
            Name = "op.mask_within",
            Description = "Keep masks only inside the boxes of some detections (no detection: no mask), e.g. a person mask where people were found",
            Ports = [new("masks", [PortType.Masks]), new("detections", [PortType.Detections])],
            Output = (_, _) => PortType.Masks,
            LabelsOf = (c, _) => c.KnownLabels.GetValueOrDefault(c.Input("masks"), []),
            Node = (c, o) => new MaskWithinNode(c.Id, c.Input("masks"), c.Input("detections"), o.Labels.ToHashSet(), o.Padding),
        };
        yield return new NodeKind<FilterOptions>
        {
            Name = "op.filter",
            Description = "Keep detections of some labels, above a score, at most top_k",
            Ports = [new("input", [PortType.Detections])],
            Output = (_, _) => PortType.Detections,
            LabelsOf = (c, o) => o.Labels is { Length: > 0 } keep ? keep : c.KnownLabels.GetValueOrDefault(c.Input("input"), []),
            Node = (c, o) => new FilterNode(c.Id, c.Input("input"), o.Labels.ToHashSet(), o.MinScore, o.TopK),
        };
        yield return new NodeKind<MergeOptions>
        {
            Name = "op.merge",
            Description = "Join several detection nodes (or tiled detections) and suppress overlaps (NMS)",
            Ports = [new("inputs", [PortType.Detections], Many: true)],
            Output = (_, _) => PortType.Detections,
            LabelsOf = (c, _) => c.InputList("inputs").SelectMany(i => c.KnownLabels.GetValueOrDefault(i, [])).Distinct().ToList(),
            Node = (c, o) => new MergeNode(c.Id, c.InputList("inputs"), o.IouThreshold, o.ClassAware, o.TopK),
        };
        yield return new NodeKind<TileOptions>
        {
            Name = "op.tile",
            Description = "Slice the image into overlapping tiles; a detector on the tiles plus op.merge finds small objects",
            Ports = [StageKinds.ImageIn],
            Output = (_, _) => PortType.Crops,
            Node = (c, o) => new TileNode(c.Id, c.Input("input"), o.Size, o.Overlap),
        };
    }
}
