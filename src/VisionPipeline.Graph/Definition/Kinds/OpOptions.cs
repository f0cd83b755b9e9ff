using VisionPipeline.Graph.Definition.Options;
using VisionPipeline.Graph.Nodes.Ops;
using VisionPipeline.Graph.Nodes.Stages;

namespace VisionPipeline.Graph.Definition.Kinds;

/// <summary>op.crop: every detection cut out of an image.</summary>
public sealed record CropOptions
{
    [Param("padding", "grow each box by this fraction of its size per side", Min = 0, Max = 10)]
    public double Padding { get; init; }

    [Param("rectify", "warp 4-point polygons upright (text lines)")]
    public bool Rectify { get; init; }

    [Param("border", "fill outside the image", Choices = ["constant", "replicate"])]
    public BorderFill Border { get; init; } = BorderFill.Constant;

    [Param("min_size", "skip crops narrower or lower than this", Min = 1, Max = 10000)]
    public int MinSize { get; init; } = 1;

    [Param("rotate_by", "turn each crop so the vector between these two keypoints points at `angle` (empty: no turn)", Length = 2, Min = 0, Max = 1000)]
    public int[] RotateBy { get; init; } = [];

    [Param("angle", "with rotate_by: the keypoint vector's direction in the crop, degrees anticlockwise from +x", Min = -360, Max = 360)]
    public double Angle { get; init; }

    [Param("shift", "move the region by these fractions of the box's width and height, along the turned axes (empty: not moved)", Length = 2, Min = -10, Max = 10)]
    public double[] Shift { get; init; } = [];

    [Param("square", "make the region square on its longer side")]
    public bool Square { get; init; }

    [Param("size", "cut the crop at this many pixels on its longer side (0: the region's own size)", Min = 0, Max = 8192)]
    public int Size { get; init; }

    public CropOrientation Orientation => new(Square, Shift, RotateBy, Angle, Size);
}

/// <summary>op.apply_mask: the background blurred or replaced, or the foreground blurred.</summary>
public sealed record ApplyMaskOptions
{
    [Param("effect", "what to do")]
    public MaskEffect Effect { get; init; } = MaskEffect.BlurBackground;

    [Param("kernel", "Gaussian blur kernel (odd); beyond 13, computed on the image shrunk to match and enlarged back", Min = 1, Max = 255)]
    public int Kernel { get; init; } = 31;

    [Param("color", "BGR colour for replace-background", Length = 3, Min = 0, Max = 255)]
    public int[] Color { get; init; } = [255, 255, 255];
}

/// <summary>op.mask_within: masks kept inside the boxes of some detections.</summary>
public sealed record MaskWithinOptions
{
    [Param("labels", "labels of the detections that bound the masks (empty: all)")]
    public string[] Labels { get; init; } = [];

    [Param("padding", "grow each box by this fraction of its size per side", Min = 0, Max = 10)]
    public double Padding { get; init; } = 0.1;
}

/// <summary>op.filter: detections of some labels, above a score, at most top_k.</summary>
public sealed record FilterOptions
{
    [Param("labels", "labels to keep (empty: all)")]
    public string[] Labels { get; init; } = [];

    [Param("min_score", "lowest score kept", Min = 0, Max = 1)]
    public float MinScore { get; init; }

    [Param("top_k", "at most this many, best first (0: all)", Min = 0, Max = 100000)]
    public int TopK { get; init; }
}

/// <summary>op.merge: several detection nodes joined, overlaps suppressed.</summary>
public sealed record MergeOptions
{
    [Param("iou_threshold", "boxes overlapping more than this are duplicates", Min = 0, Max = 1)]
    public float IouThreshold { get; init; } = 0.5f;

    [Param("class_aware", "suppress only within a label")]
    public bool ClassAware { get; init; } = true;

    [Param("top_k", "at most this many (0: all)", Min = 0, Max = 100000)]
    public int TopK { get; init; }
}

/// <summary>op.tile: overlapping tiles of the image.</summary>
public sealed record TileOptions
{
    [Param("size", "tile side in pixels", Min = 32, Max = 16384)]
    public int Size { get; init; } = 640;

    [Param("overlap", "fraction shared by neighbouring tiles", Min = 0, Max = 0.9)]
    public double Overlap { get; init; } = 0.2;
}
