using static TorchSharp.torch;

namespace VisionPipeline.Training.Tasks.Detection;

/// <summary>
/// YOLOv8's task-aligned assigner for one image. Each ground truth takes the <see cref="TopK"/> anchors whose
/// centres lie inside it with the highest alignment score^α·IoU^β (score: the predicted probability of the ground
/// truth's class, IoU: of the predicted box with the ground truth); an anchor claimed by several keeps the one it
/// overlaps most. A positive's class target is its alignment, rescaled so that each ground truth's best anchor
/// gets that ground truth's best IoU.
/// </summary>
public sealed class TaskAlignedAssigner(int topK = 10, double alpha = 0.5, double beta = 6.0)
{
    public int TopK { get; } = topK;
    public double Alpha { get; } = alpha;
    public double Beta { get; } = beta;

    /// <summary>Per anchor: the box to regress [A, 4], the class targets [A, C], and whether it is a positive [A].</summary>
    public sealed record Assignment(Tensor Boxes, Tensor Scores, Tensor Foreground) : IDisposable
    {
        public void Dispose()
        {
            Boxes.Dispose();
            Scores.Dispose();
            Foreground.Dispose();
        }
    }

    /// <param name="scores">[A, C] predicted class probabilities (no gradient).</param>
    /// <param name="boxes">[A, 4] predicted boxes x1, y1, x2, y2 (no gradient).</param>
    /// <param name="centres">[A, 2] anchor centres.</param>
    /// <param name="gtBoxes">[G, 4] ground-truth boxes.</param>
    /// <param name="gtLabels">[G] int64 ground-truth classes.</param>
    public Assignment Assign(Tensor scores, Tensor boxes, Tensor centres, Tensor gtBoxes, Tensor gtLabels)
    {
        long anchors = scores.shape[0], classes = scores.shape[1], truths = gtBoxes.shape[0];
        var device = scores.device;
        if (truths == 0)
            return new Assignment(zeros(anchors, 4, device: device), zeros(anchors, classes, device: device), zeros(anchors, ScalarType.Bool, device: device));

        using var scope = NewDisposeScope();
        var lt = centres.unsqueeze(0) - gtBoxes[.., ..2].unsqueeze(1);
        var rb = gtBoxes[.., 2..].unsqueeze(1) - centres.unsqueeze(0);
        var inside = (cat([lt, rb], -1).amin([-1]) > 1e-9).to_type(ScalarType.Float32); // [G, A]
        var ious = BoxGeometry.PairwiseIou(gtBoxes, boxes).clamp_min(0) * inside;        // [G, A]
        var classScores = scores.index_select(1, gtLabels).t();                          // [G, A]
        var align = classScores.pow(Alpha) * ious.pow(Beta) * inside;

        var top = align.topk((int)Math.Min(TopK, anchors), dim: 1).indexes;
        var mask = zeros_like(align).scatter(1, top, ones_like(top, ScalarType.Float32)) * inside;

        // An anchor claimed by several ground truths keeps the one it overlaps most.
        var claimed = mask.sum(dim: 0, keepdim: true);
        var best = nn.functional.one_hot(ious.argmax(0), truths).t().to_type(ScalarType.Float32);
        mask = where(claimed > 1, best, mask);

        var foreground = mask.sum(dim: 0) > 0;                                                 // [A]
        var gtIndex = mask.argmax(0);                                                     // [A]
        var targetBoxes = gtBoxes.index_select(0, gtIndex);
        var targetLabels = gtLabels.index_select(0, gtIndex);

        align = align * mask;
        var bestAlign = align.amax([1], keepdim: true);
        var bestIou = (ious * mask).amax([1], keepdim: true);
        var normalised = (align * bestIou / (bestAlign + 1e-9)).amax([0]);              // [A]
        var targetScores = nn.functional.one_hot(targetLabels, classes).to_type(ScalarType.Float32)
                           * (normalised * foreground).unsqueeze(1);

        return new Assignment(targetBoxes.MoveToOuterDisposeScope(), targetScores.MoveToOuterDisposeScope(), foreground.MoveToOuterDisposeScope());
    }
}
