using static TorchSharp.torch;

namespace VisionPipeline.Training.Tasks.Detection;

/// <summary>IoU and GIoU of (x1, y1, x2, y2) boxes in the last dimension, broadcasting the others.</summary>
public static class BoxGeometry
{
    private const double Eps = 1e-7;

    public static Tensor Iou(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var (inter, union) = IntersectionAndUnion(a, b);
        return (inter / union).MoveToOuterDisposeScope();
    }

    /// <summary>[G, A] IoU of every box of <paramref name="a"/> [G, 4] with every box of <paramref name="b"/> [A, 4].</summary>
    public static Tensor PairwiseIou(Tensor a, Tensor b)
    {
        using var ua = a.unsqueeze(1);
        using var ub = b.unsqueeze(0);
        return Iou(ua, ub);
    }

    /// <summary>Generalised IoU: IoU − (hull − union) / hull, in [−1, 1].</summary>
    public static Tensor Giou(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var (inter, union) = IntersectionAndUnion(a, b);
        var hullW = maximum(a.select(-1, 2), b.select(-1, 2)) - minimum(a.select(-1, 0), b.select(-1, 0));
        var hullH = maximum(a.select(-1, 3), b.select(-1, 3)) - minimum(a.select(-1, 1), b.select(-1, 1));
        var hull = hullW * hullH + Eps;
        return (inter / union - (hull - union) / hull).MoveToOuterDisposeScope();
    }

    private static (Tensor Intersection, Tensor Union) IntersectionAndUnion(Tensor a, Tensor b)
    {
        var w = (minimum(a.select(-1, 2), b.select(-1, 2)) - maximum(a.select(-1, 0), b.select(-1, 0))).clamp_min(0);
        var h = (minimum(a.select(-1, 3), b.select(-1, 3)) - maximum(a.select(-1, 1), b.select(-1, 1))).clamp_min(0);
        var inter = w * h;
        var areaA = (a.select(-1, 2) - a.select(-1, 0)).clamp_min(0) * (a.select(-1, 3) - a.select(-1, 1)).clamp_min(0);
        var areaB = (b.select(-1, 2) - b.select(-1, 0)).clamp_min(0) * (b.select(-1, 3) - b.select(-1, 1)).clamp_min(0);
        return (inter, areaA + areaB - inter + Eps);
    }
}
