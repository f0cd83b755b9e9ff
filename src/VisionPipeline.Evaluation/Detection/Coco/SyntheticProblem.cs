using VisionPipeline.Datasets;

namespace VisionPipeline.Evaluation.Detection.Coco;

/// <summary>
/// A seeded, COCO-like problem for measuring the evaluator's speed: boxes of every size class on 640×480 images,
/// some crowds, part of the detections near a ground truth (jittered, usually the right class, scoring higher), the
/// rest anywhere with lower scores.
/// </summary>
public static class SyntheticProblem
{
    public static CocoProblem Generate(int images, int boxesPerImage, int detectionsPerImage, int classes, int seed = 42)
    {
        var random = new Random(seed);
        var categories = Enumerable.Range(0, classes).Select(c => (long)(c + 1 + c / 10)).ToList(); // with gaps, like COCO
        var gts = new List<GroundTruthObject>(images * boxesPerImage);
        var dts = new List<DetectedObject>(images * detectionsPerImage);
        for (int i = 0; i < images; i++)
        {
            long image = i + 1;
            int first = gts.Count;
            for (int g = 0; g < boxesPerImage; g++)
            {
                var box = RandomBox(random);
                gts.Add(new GroundTruthObject(gts.Count + 1, image, categories[random.Next(classes)], box, box.Width * box.Height, random.NextDouble() < 0.01));
            }
            for (int d = 0; d < detectionsPerImage; d++)
            {
                BoxXywh box;
                long category;
                double score;
                if (d < boxesPerImage * 3 / 4)
                {
                    var target = gts[first + d];
                    double jitter = 0.06 * Math.Max(target.Box.Width, target.Box.Height);
                    box = new BoxXywh(target.Box.X + Gaussian(random) * jitter, target.Box.Y + Gaussian(random) * jitter,
                        Math.Abs(target.Box.Width + Gaussian(random) * jitter), Math.Abs(target.Box.Height + Gaussian(random) * jitter));
                    category = random.NextDouble() < 0.9 ? target.CategoryId : categories[random.Next(classes)];
                    score = 0.3 + 0.7 * random.NextDouble();
                }
                else
                {
                    box = RandomBox(random);
                    category = categories[random.Next(classes)];
                    score = 0.6 * random.NextDouble();
                }
                dts.Add(new DetectedObject(image, category, box, box.Width * box.Height, Math.Round(score, 3)));
            }
        }
        return new CocoProblem(Enumerable.Range(1, images).Select(i => (long)i).ToList(), categories, gts, dts);
    }

    private static BoxXywh RandomBox(Random random)
    {
        double w = Math.Exp(random.NextDouble() * Math.Log(300.0 / 6)) * 6, h = w * (0.5 + random.NextDouble());
        return new BoxXywh(random.NextDouble() * (640 - w), random.NextDouble() * Math.Max(1, 480 - h), w, h);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
