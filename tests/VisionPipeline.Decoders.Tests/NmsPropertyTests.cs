using CsCheck;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Decoders.Common;
using VisionPipeline.Decoders.Suppression;

namespace VisionPipeline.Decoders.Tests;

/// <summary>Properties of greedy NMS over random boxes, scores and classes (CsCheck, shrinking to a minimal failure).</summary>
public class NmsPropertyTests
{
    private static readonly Gen<ScoredBox> Box =
        Gen.Select(Gen.Float[0, 100], Gen.Float[0, 100], Gen.Float[1, 40], Gen.Float[1, 40], Gen.Float[0, 1], Gen.Int[0, 2])
            .Select((x, y, w, h, score, cls) => new ScoredBox(new BoxF(x, y, x + w, y + h), score, cls));

    private static readonly Gen<(List<ScoredBox> Boxes, float Iou, bool Agnostic)> Cases =
        Gen.Select(Box.List[0, 40], Gen.Float[0.1f, 0.9f], Gen.Bool);

    private static bool SameGroup(ScoredBox a, ScoredBox b, bool agnostic) => agnostic || a.ClassId == b.ClassId;

    [Fact]
    public void No_two_kept_boxes_of_a_class_overlap_above_the_threshold()
    {
        Cases.Sample(c =>
        {
            var kept = Nms.Apply(c.Boxes, new NmsOptions { IouThreshold = c.Iou, ClassAgnostic = c.Agnostic, MaxDetections = 0 });
            for (int i = 0; i < kept.Count; i++)
                for (int j = i + 1; j < kept.Count; j++)
                    if (SameGroup(kept[i], kept[j], c.Agnostic) && kept[i].Box.IoU(kept[j].Box) > c.Iou) return false;
            return true;
        }, iter: 2000);
    }

    [Fact]
    public void Every_dropped_box_overlaps_a_kept_box_of_its_class_that_scores_at_least_as_high()
    {
        Cases.Sample(c =>
        {
            var kept = Nms.Apply(c.Boxes, new NmsOptions { IouThreshold = c.Iou, ClassAgnostic = c.Agnostic, MaxDetections = 0 });
            var keptSet = kept.ToHashSet(ReferenceEqualityComparer.Instance);
            return c.Boxes.Where(b => !keptSet.Contains(b)).All(dropped =>
                kept.Any(k => SameGroup(k, dropped, c.Agnostic) && k.Score >= dropped.Score && k.Box.IoU(dropped.Box) > c.Iou));
        }, iter: 2000);
    }

    [Fact]
    public void Kept_boxes_come_best_first_and_respect_the_maximum()
    {
        Gen.Select(Cases, Gen.Int[1, 10]).Sample((c, max) =>
        {
            var kept = Nms.Apply(c.Boxes, new NmsOptions { IouThreshold = c.Iou, ClassAgnostic = c.Agnostic, MaxDetections = max });
            return kept.Count <= max && kept.Zip(kept.Skip(1)).All(p => p.First.Score >= p.Second.Score);
        }, iter: 1000);
    }

    [Fact]
    public void Soft_NMS_keeps_the_best_box_and_never_raises_a_score()
    {
        Cases.Where(c => c.Boxes.Count > 0).Sample(c =>
        {
            var kept = Nms.Apply(c.Boxes, new NmsOptions { Soft = true, ClassAgnostic = c.Agnostic, MaxDetections = 0 });
            var best = c.Boxes.Max(b => b.Score);
            return kept.Count > 0 && kept[0].Score == best &&
                   kept.All(k => c.Boxes.Any(b => b.Box == k.Box && b.ClassId == k.ClassId && k.Score <= b.Score));
        }, iter: 1000);
    }
}
