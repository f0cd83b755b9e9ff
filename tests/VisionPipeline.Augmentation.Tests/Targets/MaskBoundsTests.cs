using CsCheck;
using OpenCvSharp;
using VisionPipeline.Augmentation.DatasetRuns;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Tests.Geometric;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Datasets;
using VisionPipeline.Datasets.Masks;

namespace VisionPipeline.Augmentation.Tests.Targets;

/// <summary>
/// Warps carry a mask's pixel bounds forward without scanning the whole mask; whatever shortcut a warp takes, the
/// bounds (and the box re-fitted from them) must be those a full scan of the warped mask finds.
/// </summary>
public class MaskBoundsTests
{
    public static TheoryData<string> Transforms => GeometricCatalog.Names();

    /// <summary>A mask of one to three discs anywhere (some cut by the border), under a box that does not bound it.</summary>
    private static readonly Gen<(int Width, int Height, (int X, int Y, int R)[] Discs, int Seed)> Scenes =
        from width in Gen.Int[64, 160]
        from height in Gen.Int[64, 160]
        from discs in Gen.Select(Gen.Int[-10, width + 10], Gen.Int[-10, height + 10], Gen.Int[1, 30]).Array[1, 3]
        from seed in Gen.Int[0, 1_000_000]
        select (width, height, discs, seed);

    [Theory]
    [MemberData(nameof(Transforms))]
    public void Carried_mask_bounds_equal_a_full_scan_and_the_mask_equals_a_whole_warp_after_two_transforms(string name)
    {
        var augmenter = new Augmenter([GeometricCatalog.All[name](), GeometricCatalog.All[name]()]);
        Scenes.Sample(scene =>
        {
            var mask = new Mat(scene.Height, scene.Width, MatType.CV_8UC1, Scalar.All(0));
            foreach (var (x, y, r) in scene.Discs) Cv2.Circle(mask, new Point(x, y), r, Scalar.All(1), -1);
            using var image = new Mat(scene.Height, scene.Width, MatType.CV_8UC3, Scalar.All(90));
            // The same pixels as a label map, which is always warped whole: the object's mask, moved by the
            // shortcuts, must come out identical to it.
            using var sample = new Sample(image.Clone(), [new SampleObject(new BoxF(10, 10, 30, 30)) { Mask = mask }], mask.Clone());
            augmenter.Augment(sample, 3, scene.Seed, 0);
            string what = $"{name} twice on a {scene.Width}×{scene.Height} mask of discs {string.Join(", ", scene.Discs)}, seed {scene.Seed}";
            if (sample.Objects.Count == 0) return;
            var o = sample.Objects[0];
            using var difference = new Mat();
            Cv2.Compare(o.Mask!, sample.LabelMap!, difference, CmpTypes.NE);
            Assert.True(Cv2.CountNonZero(difference) == 0, $"{what}: the object's mask differs from the same pixels warped whole in {Cv2.CountNonZero(difference)} pixels");
            var scanned = Cv2.BoundingRect(o.Mask!);
            Assert.True(o.MaskBounds == scanned, $"{what}: carried bounds {o.MaskBounds}, a full scan finds {scanned}");
            Assert.True(o.Box == new BoxF(scanned.Left, scanned.Top, scanned.Right, scanned.Bottom),
                $"{what}: box {o.Box} is not the mask's bounds {scanned}");
        }, iter: 60, threads: 1);
    }

    [Fact]
    public void A_data_set_mask_arrives_with_the_bounds_of_its_pixels_read_from_its_runs()
    {
        var mask = new Mat(60, 80, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Circle(mask, new Point(50, 20), 9, Scalar.All(1), -1);
        mask.Set(55, 3, (byte)1);
        var annotation = new Annotation(1, 1, new BoxXywh(41, 11, 19, 19)) { Segmentation = new RleSegmentation(Rle.Encode(mask), true) };
        var image = new DatasetImage(1, "a.png", 80, 60, [annotation]);
        using var sample = SampleConversion.ToSample(image, new Mat(60, 80, MatType.CV_8UC3, Scalar.All(0)), null);
        Assert.Equal(Cv2.BoundingRect(mask), sample.Objects[0].MaskBounds);
    }
}
