using CsCheck;
using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Tests.Support;
using VisionPipeline.Augmentation.Transforms.Geometric;

namespace VisionPipeline.Augmentation.Tests.Geometric;

/// <summary>
/// Property tests over generated images and rectangles: a box (moved through its corners) and the same rectangle
/// painted into a mask (moved pixel by pixel) must agree after every geometric transform.
/// </summary>
public class GeometricPropertyTests
{
    public static TheoryData<string> Transforms => GeometricCatalog.Names();

    /// <summary>
    /// One pixel, plus the 1/32 px to which OpenCV's warps compute sampling positions (a rotated corner's tip
    /// between two rows of pixel centres is then missed by up to 1 + 1/32 px).
    /// </summary>
    private const double RightAngleTolerance = 1 + 1.0 / 32;

    /// <summary>
    /// Shear makes corners sharper than 90° (down to 60° with 15° on both axes), and so does an elastic field locally;
    /// pixel centres can miss a corner of angle φ by up to ½ + ½ / tan(φ / 2) px, 1.37 px at 60°.
    /// </summary>
    private static readonly double ShearTolerance = 0.5 + 0.5 / Math.Tan(30 * Math.PI / 180) + 1.0 / 32;

    [Theory]
    [MemberData(nameof(Transforms))]
    public void Box_equals_the_bounding_rectangle_of_the_transformed_mask_within_one_pixel(string name)
    {
        var augmenter = new Augmenter([GeometricCatalog.All[name]()]);
        Generators.Rectangles.Sample(c =>
        {
            using var sample = c.Build();
            augmenter.Augment(sample, 7, c.Seed, 0);
            var painted = Cv2.BoundingRect(sample.LabelMap!);
            if (sample.Objects.Count == 0)
            {
                Assert.True(painted.Width <= 1 || painted.Height <= 1,
                    $"{name} on {c}: the box was dropped but {painted} of the painted rectangle is still visible");
                return;
            }
            var box = sample.Objects[0].Box;
            double Tolerance = name is "affine_shear" or "elastic" ? ShearTolerance : RightAngleTolerance;
            string found = $"{name} on {c}: box ({box.X1:F2}, {box.Y1:F2})–({box.X2:F2}, {box.Y2:F2}) but the painted rectangle covers {painted}";
            if (painted.Width == 0)
            {
                Assert.True(Math.Min(box.Width, box.Height) < 1, $"{found}: nothing painted, yet the box is not a sliver");
                return;
            }
            bool cutByBorder = painted.Left == 0 || painted.Top == 0 || painted.Right == sample.Width || painted.Bottom == sample.Height;
            if (cutByBorder)
            {
                // A sliver cut off by the border can be thinner than a pixel, with no pixel centre to paint; the
                // painted part must still lie inside the box.
                Assert.True(painted.Left >= box.X1 - Tolerance && painted.Top >= box.Y1 - Tolerance &&
                            painted.Right <= box.X2 + Tolerance && painted.Bottom <= box.Y2 + Tolerance, found);
                return;
            }
            Assert.True(Math.Abs(box.X1 - painted.Left) <= Tolerance && Math.Abs(box.Y1 - painted.Top) <= Tolerance &&
                        Math.Abs(box.X2 - painted.Right) <= Tolerance && Math.Abs(box.Y2 - painted.Bottom) <= Tolerance, found);
        }, iter: 60, threads: 1);
    }

    [Theory]
    [MemberData(nameof(Transforms))]
    public void Keypoints_land_inside_the_transformed_mask(string name)
    {
        var augmenter = new Augmenter([GeometricCatalog.All[name]()]);
        Generators.Rectangles.Sample(c =>
        {
            using var sample = c.Build();
            augmenter.Augment(sample, 11, c.Seed, 0);
            if (sample.Objects.Count == 0) return;
            foreach (var k in sample.Objects[0].Keypoints!.Where(k => k.IsLabeled))
            {
                int col = (int)Math.Floor(k.X), row = (int)Math.Floor(k.Y);
                Assert.True(col >= 0 && row >= 0 && col < sample.Width && row < sample.Height,
                    $"{name} on {c}: keypoint ({k.X:F2}, {k.Y:F2}) is labelled but outside the {sample.Width}×{sample.Height} image");
                Assert.True(sample.LabelMap!.At<byte>(row, col) == 1,
                    $"{name} on {c}: keypoint ({k.X:F2}, {k.Y:F2}) fell outside the transformed rectangle");
            }
        }, iter: 60, threads: 1);
    }

    [Theory]
    [InlineData("horizontal_flip")]
    [InlineData("vertical_flip")]
    public void Flips_are_involutions(string name)
    {
        var augmenter = new Augmenter([GeometricCatalog.All[name](), GeometricCatalog.All[name]()]);
        Generators.Rectangles.Sample(c =>
        {
            using var original = c.Build();
            using var twice = c.Build();
            augmenter.Augment(twice, 1, 0, 0);
            MatAssert.Identical(original.Image, twice.Image, $"{name} twice on {c}: image");
            MatAssert.Identical(original.LabelMap!, twice.LabelMap!, $"{name} twice on {c}: mask");
            Assert.Equal(original.Objects[0].Box, twice.Objects[0].Box);
            var before = original.Objects[0].Keypoints!;
            var after = twice.Objects[0].Keypoints!;
            for (int i = 0; i < before.Count; i++)
                Assert.True(Math.Abs(before[i].X - after[i].X) < 1e-4 && Math.Abs(before[i].Y - after[i].Y) < 1e-4,
                    $"{name} twice on {c}: keypoint {i} moved from ({before[i].X}, {before[i].Y}) to ({after[i].X}, {after[i].Y})");
        }, iter: 40, threads: 1);
    }

    [Fact]
    public void A_horizontal_flip_maps_x_to_width_minus_x_and_moves_the_pixel_with_it()
    {
        using var image = new Mat(10, 20, MatType.CV_8UC1, Scalar.All(0));
        image.Set(4, 3, (byte)255);
        using var sample = Sample.Borrowing(image, [new SampleObject(new(3, 4, 4, 5)) { Keypoints = [new SampleKeypoint(3.5f, 4.5f)] }]);
        new Augmenter([new HorizontalFlip()]).Augment(sample, 0, 0, 0);
        var k = sample.Objects[0].Keypoints![0];
        Assert.Equal(new SampleKeypoint(16.5f, 4.5f), k);
        Assert.Equal(new Core.Geometry.BoxF(16, 4, 17, 5), sample.Objects[0].Box);
        Assert.Equal(255, sample.Image.At<byte>(4, 16));
    }

    [Fact]
    public void Doubling_the_size_keeps_a_keypoint_on_its_pixel_centre()
    {
        using var image = new Mat(10, 10, MatType.CV_8UC1, Scalar.All(0));
        image.Set(2, 7, (byte)255);
        using var sample = Sample.Borrowing(image, [new SampleObject(new(7, 2, 8, 3)) { Keypoints = [new SampleKeypoint(7.5f, 2.5f)] }]);
        new Augmenter([new Resize(20, 20) { Interpolation = InterpolationFlags.Nearest }]).Augment(sample, 0, 0, 0);
        var k = sample.Objects[0].Keypoints![0];
        Assert.Equal(new SampleKeypoint(15, 5), k);
        Assert.Equal(255, sample.Image.At<byte>(4, 14));
        Assert.Equal(255, sample.Image.At<byte>(5, 15));
        Assert.Equal(0, sample.Image.At<byte>(3, 13));
    }
}
