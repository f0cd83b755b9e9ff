using VisionPipeline.Training.Models.Detection;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tasks.Detection;

/// <summary>
/// The detection loss on the raw network output: task-aligned assignment per image, then
/// <see cref="BoxGain"/> × GIoU loss of the positives (each weighted by its class target) plus
/// <see cref="ClassGain"/> × binary cross-entropy of all class logits against the assigned targets, both divided
/// by the sum of the class targets (Ultralytics' normalisation per positive).
/// </summary>
public sealed class DetectionLoss(TaskAlignedAssigner assigner, double boxGain = 7.5, double classGain = 0.5)
{
    public double BoxGain { get; } = boxGain;
    public double ClassGain { get; } = classGain;

    /// <param name="raw">[N, 4 + C, A] the network's raw output.</param>
    /// <param name="targets">Each image's boxes, in input pixels.</param>
    public Tensor Compute(Tensor raw, AnchorPoints anchors, IReadOnlyList<DetectionTarget[]> targets)
    {
        if (targets.Count != raw.shape[0]) throw new ArgumentException($"{targets.Count} target lists for {raw.shape[0]} images");
        using var scope = NewDisposeScope();
        var device = raw.device;
        var centres = anchors.Centres(device);
        var boxes = DetectionNetwork.BoxesXyxy(raw, centres, anchors.StrideTensor(device)); // [N, A, 4]
        var logits = raw[.., 4..].transpose(1, 2);                                          // [N, A, C]
        var targetBoxes = new List<Tensor>();
        var targetScores = new List<Tensor>();
        using (no_grad())
        {
            var probabilities = logits.sigmoid();
            for (int i = 0; i < targets.Count; i++)
            {
                var truth = targets[i];
                var gtBoxes = tensor(truth.SelectMany(t => new[] { t.X1, t.Y1, t.X2, t.Y2 }).ToArray(), [truth.Length, 4], device: device);
                var gtLabels = tensor(truth.Select(t => (long)t.ClassId).ToArray(), [truth.Length], device: device);
                var assignment = assigner.Assign(probabilities[i], boxes[i].detach(), centres, gtBoxes, gtLabels);
                targetBoxes.Add(assignment.Boxes);
                targetScores.Add(assignment.Scores);
            }
        }
        var scores = stack(targetScores);
        var total = scores.sum().clamp_min(1);
        var classLoss = nn.functional.binary_cross_entropy_with_logits(logits, scores, reduction: nn.Reduction.Sum) / total;
        // Background anchors weigh 0: their GIoU with whatever box they were given adds nothing.
        var boxLoss = ((1 - BoxGeometry.Giou(boxes, stack(targetBoxes))) * scores.sum(-1)).sum() / total;
        var loss = BoxGain * boxLoss + ClassGain * classLoss;
        return loss.MoveToOuterDisposeScope();
    }
}
