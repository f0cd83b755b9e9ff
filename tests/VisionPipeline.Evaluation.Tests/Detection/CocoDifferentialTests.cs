using CsCheck;
using VisionPipeline.Datasets;
using VisionPipeline.Evaluation.Detection.Coco;

namespace VisionPipeline.Evaluation.Tests.Detection;

/// <summary>
/// The fast COCOeval against <see cref="ReferenceCocoEval"/> on random problems built to hit the corner cases:
/// boxes on a coarse grid (IoUs land exactly on thresholds, duplicates, zero-area boxes), scores from a few values
/// (ties inside and across images), crowds, non-contiguous category ids, areas across the size ranges, more than
/// 100 detections on some images. Every number must agree bit for bit.
/// </summary>
public class CocoDifferentialTests
{
    private static readonly long[] CategoryPool = [1, 3, 17, 90];

    private static readonly Gen<BoxXywh> Box =
        Gen.Select(Gen.Int[0, 8], Gen.Int[0, 8], Gen.Int[0, 6], Gen.Int[0, 6], Gen.Int[0, 3].Select(i => new[] { 1.0, 4.0, 9.0, 25.0 }[i]))
            .Select((x, y, w, h, scale) => new BoxXywh(x * scale, y * scale, w * scale, h * scale));

    private static readonly Gen<CocoProblem> Problems =
        Gen.Select(Gen.Int[1, 4], Gen.Int[1, 4]).SelectMany((imageCount, categoryCount) =>
        {
            var images = Enumerable.Range(0, imageCount).Select(i => (long)(i * 7 + 2)).ToArray();
            var categories = CategoryPool[..categoryCount];
            var gt = Gen.Select(Gen.Int[0, imageCount - 1], Gen.Int[0, categoryCount - 1], Box, Gen.Int[0, 9], Gen.Bool)
                .Select((image, category, box, crowdRoll, exactArea) => (image, category, box, crowd: crowdRoll == 0, exactArea));
            var det = Gen.Select(Gen.Int[0, imageCount - 1], Gen.Int[0, categoryCount], Box, Gen.Int[0, 4].Select(i => new[] { 0.1, 0.5, 0.5, 0.9, 0.3 }[i]))
                .Select((image, category, box, score) => (image, category, box, score));
            return Gen.Select(gt.List[0, 12], det.List[0, 30], Gen.Int[0, 4]).Select((gts, dts, flood) =>
            {
                var groundTruths = gts.Select((g, i) => new GroundTruthObject(i + 1, images[g.image], categories[g.category], g.box,
                    g.exactArea ? g.box.Width * g.box.Height : g.box.Width * g.box.Height * 0.8 + 3, g.crowd)).ToList();
                var detections = dts.Select(d => new DetectedObject(images[d.image],
                    d.category < categoryCount ? categories[d.category] : 999, d.box, d.box.Width * d.box.Height, d.score)).ToList();
                // Some problems get a flood of low-scoring duplicates on the first image: more than 100 per image.
                if (flood == 0 && groundTruths.Count > 0)
                {
                    var target = groundTruths[0];
                    for (int i = 0; i < 120; i++)
                        detections.Add(new DetectedObject(target.ImageId, target.CategoryId, target.Box, target.Box.Width * target.Box.Height, 0.05 + (i % 3) * 0.01));
                }
                return new CocoProblem(images, categories, groundTruths, detections);
            });
        });

    [Fact]
    public void Fast_and_reference_COCOeval_agree_bit_for_bit_on_random_problems()
    {
        Problems.Sample(problem =>
        {
            var summary = CocoEvaluator.Evaluate(problem, new BoxIouMeasure(problem.Detections, problem.GroundTruths)).Summarize();
            var (stats, perClass) = ReferenceCocoEval.Run(problem);
            for (int i = 0; i < stats.Length; i++)
                if (BitConverter.DoubleToInt64Bits(summary.Stats[i].Value) != BitConverter.DoubleToInt64Bits(stats[i]))
                    throw new Exception($"{summary.Stats[i].Name}: fast {summary.Stats[i].Value:R}, reference {stats[i]:R}");
            foreach (var (category, ap) in perClass)
                if (BitConverter.DoubleToInt64Bits(summary.PerClass[category]) != BitConverter.DoubleToInt64Bits(ap))
                    throw new Exception($"category {category}: fast {summary.PerClass[category]:R}, reference {ap:R}");
        }, iter: 400);
    }
}
