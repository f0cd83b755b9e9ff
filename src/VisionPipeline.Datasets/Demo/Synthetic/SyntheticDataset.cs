using OpenCvSharp;
using VisionPipeline.Datasets.Masks;

namespace VisionPipeline.Datasets.Demo.Synthetic;

/// <summary>
/// Makes a synthetic dataset: seeded scenes (<see cref="SyntheticScene"/>) written as PNGs into a staging folder,
/// with their labels. The same options give the same images, bit for bit; detection and segmentation with the same
/// seed, count and size draw the same scenes. Classification cycles through the classes (balanced within one image),
/// detection and segmentation draw 1–4 shapes of random classes.
/// </summary>
public static class SyntheticDataset
{
    /// <summary>Circumradius as a fraction of the image side: the one shape of a classification image fills most of it.</summary>
    public static readonly (double Min, double Max) ClassifyRadius = (0.28, 0.45);

    /// <summary>Circumradius as a fraction of the image side: a scene shape spans a fifth to nearly half of it.</summary>
    public static readonly (double Min, double Max) SceneRadius = (0.10, 0.22);

    public const int MaxObjects = 4;

    /// <summary>The images (relative to <paramref name="staging"/>'s root, each with its split) and the classes.</summary>
    public static IReadOnlyList<DatasetImage> Generate(SynthOptions options, Staging staging)
    {
        options.Check();
        var random = new Random(options.Seed);
        var size = options.ImageSize;
        var images = new List<DatasetImage>(options.ImageCount);
        var annotations = 0;
        for (var i = 0; i < options.ImageCount; i++)
        {
            var name = $"{i:D5}.png";
            var kinds = options.Task == SynthTask.Classify
                ? [Shapes.All[i % Shapes.All.Length]]
                : Enumerable.Range(0, 1 + random.Next(MaxObjects)).Select(_ => Shapes.All[random.Next(Shapes.All.Length)]).ToArray();
            using var scene = SyntheticScene.Compose(random, size, kinds, options.Task == SynthTask.Classify ? ClassifyRadius : SceneRadius);
            var imagePath = $"images/{name}";
            AtomicImageFile.Write(staging.PathOf(imagePath), scene.Image);
            var image = options.Task switch
            {
                SynthTask.Classify => new DatasetImage(i + 1, imagePath, size, size, []) { ClassId = (long)kinds[0] },
                SynthTask.Detect => new DatasetImage(i + 1, imagePath, size, size, Instances(scene, annotations)),
                _ => LabelMap(scene, i + 1, imagePath, $"masks/{name}", staging, annotations),
            };
            annotations += image.Annotations.Count;
            images.Add(image);
        }
        var classOf = images.Select(im => options.Task == SynthTask.Classify ? im.ClassId!.Value : 0).ToList();
        var splits = DemoSplits.Stratified(classOf, options.ValFraction, options.Seed);
        return images.Select((im, i) => im with { Split = splits[i] }).ToList();
    }

    /// <summary>One annotation per shape: the run-length mask of its visible pixels and that mask's box.</summary>
    private static List<Annotation> Instances(SyntheticScene scene, int idsBefore) =>
        scene.Objects.Select((o, k) => Region(idsBefore + k + 1, (long)o.Kind, o.Visible)).ToList();

    /// <summary>The label map (class value per pixel, 0 background) and, as the mask folder reader gives them, one region per class.</summary>
    private static DatasetImage LabelMap(SyntheticScene scene, long id, string imagePath, string maskPath, Staging staging, int idsBefore)
    {
        using var map = new Mat(scene.Image.Size(), MatType.CV_8UC1, Scalar.All(0));
        foreach (var o in scene.Objects) map.SetTo(Scalar.All((int)o.Kind), o.Visible);
        AtomicImageFile.Write(staging.PathOf(maskPath), map);
        var annotations = new List<Annotation>();
        foreach (var kind in scene.Objects.Select(o => o.Kind).Distinct().Order())
        {
            using var region = new Mat();
            Cv2.Compare(map, (int)kind, region, CmpTypes.EQ);
            annotations.Add(Region(idsBefore + annotations.Count + 1, (long)kind, region));
        }
        return new DatasetImage(id, imagePath, map.Width, map.Height, annotations) { MaskPath = maskPath };
    }

    private static Annotation Region(long id, long categoryId, Mat mask)
    {
        var rle = Rle.Encode(mask);
        return new Annotation(id, categoryId, rle.ToBbox()) { Segmentation = new RleSegmentation(rle), Area = rle.Area };
    }
}
