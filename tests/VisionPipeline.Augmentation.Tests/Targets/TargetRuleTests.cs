using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Transforms;
using VisionPipeline.Augmentation.Transforms.Geometric;
using VisionPipeline.Augmentation.Warps;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Augmentation.Tests.Targets;

public class TargetRuleTests
{
    private static Sample Scene(params SampleObject[] objects) => new(new Mat(100, 200, MatType.CV_8UC3, Scalar.All(50)), objects);

    [Fact]
    public void A_box_cut_below_min_visibility_is_dropped_and_counted()
    {
        // A crop of x ∈ [0, 100) keeps 20 % of the first box, all of the second.
        using var sample = Scene(new SampleObject(new BoxF(80, 10, 180, 60)) { SourceIndex = 0 }, new SampleObject(new BoxF(10, 10, 50, 50)) { SourceIndex = 1 });
        new RandomCrop(100, 100).Apply(sample, new CropParams(0, 0, 100, 100), new AugmentContext(new AugmentRandom(0), new TargetRules(MinVisibility: 0.3)));
        Assert.Equal([1], sample.Objects.Select(o => o.SourceIndex));
        Assert.Equal([0], sample.DroppedSourceIndices);
    }

    [Fact]
    public void A_box_cut_above_min_visibility_is_clipped_to_the_image()
    {
        using var sample = Scene(new SampleObject(new BoxF(80, 10, 180, 60)));
        new RandomCrop(100, 100).Apply(sample, new CropParams(0, 0, 100, 100), new AugmentContext(new AugmentRandom(0), new TargetRules(MinVisibility: 0.1)));
        Assert.Equal(new BoxF(80, 10, 100, 60), sample.Objects[0].Box);
    }

    [Fact]
    public void A_box_is_refitted_from_its_mask_when_it_has_one()
    {
        // A disc: rotating its (loose) box by 45° inflates the corner box, the disc's own box stays tight.
        var mask = new Mat(100, 200, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Circle(mask, new Point(100, 50), 20, Scalar.All(255), -1);
        var r = Cv2.BoundingRect(mask);
        using var sample = Scene(new SampleObject(new BoxF(r.Left, r.Top, r.Right, r.Bottom)) { Mask = mask });
        new Rotate(new(45, 45)).Apply(sample, new RotateParams(45), new AugmentContext(new AugmentRandom(0)));
        var box = sample.Objects[0].Box;
        Assert.True(box.Width < r.Width + 2 && box.Height < r.Height + 2, $"the disc's box grew from {r} to {box}");
    }

    [Fact]
    public void A_mask_reaching_outside_its_box_still_gives_the_box_of_all_its_pixels()
    {
        var mask = new Mat(100, 200, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Rectangle(mask, new Rect(20, 20, 30, 30), Scalar.All(255), -1);
        mask.Set(90, 180, (byte)255);
        using var sample = Scene(new SampleObject(new BoxF(20, 20, 50, 50)) { Mask = mask });
        new HorizontalFlip().Apply(sample, NoParams.Instance, new AugmentContext(new AugmentRandom(0)));
        Assert.Equal(new BoxF(19, 20, 180, 91), sample.Objects[0].Box);
    }

    [Fact]
    public void Polygons_are_moved_and_clipped_and_the_box_follows_them()
    {
        Point2f[] triangle = [new(150, 20), new(190, 80), new(110, 80)];
        using var sample = Scene(new SampleObject(new BoxF(110, 20, 190, 80)) { Polygons = [triangle] });
        new RandomCrop(170, 100).Apply(sample, new CropParams(0, 0, 170, 100), new AugmentContext(new AugmentRandom(0)));
        var polygon = sample.Objects[0].Polygons![0];
        Assert.All(polygon, p => Assert.InRange(p.X, 0, 170));
        Assert.Equal(170, sample.Objects[0].Box.X2);
        Assert.Equal(20, sample.Objects[0].Box.Y1);
    }

    [Fact]
    public void Keypoints_pushed_out_of_the_image_become_unlabelled()
    {
        using var sample = Scene(new SampleObject(new BoxF(10, 10, 190, 90)) { Keypoints = [new(20, 20), new(180, 20), new(5, 5, 0)] });
        new RandomCrop(100, 100).Apply(sample, new CropParams(0, 0, 100, 100), new AugmentContext(new AugmentRandom(0)));
        Assert.Equal([new SampleKeypoint(20, 20), SampleKeypoint.Unlabeled, SampleKeypoint.Unlabeled], sample.Objects[0].Keypoints);
    }

    [Fact]
    public void Random_crop_with_keep_boxes_keeps_every_box_whole()
    {
        var transform = new RandomCrop(120, 80) { KeepBoxes = true };
        for (int seed = 0; seed < 50; seed++)
        {
            using var sample = Scene(new SampleObject(new BoxF(60, 20, 100, 50)), new SampleObject(new BoxF(120, 30, 150, 70)));
            new Augmenter([transform]).Augment(sample, 1, seed, 0);
            Assert.Equal(new[] { 40f, 30f }, sample.Objects.Select(o => o.Box.Width));
        }
    }

    [Fact]
    public void Mosaic_puts_four_tiles_on_the_canvas_and_keeps_their_objects()
    {
        using var sample = Scene(new SampleObject(new BoxF(150, 50, 190, 90)) { Category = 4 });
        var steps = new Augmenter([new Mosaic(160, 160)]).Augment(sample, 9, 0, 0);
        Assert.Equal(new Size(160, 160), sample.Image.Size());
        var p = (MosaicParams)steps[0].Params;
        Assert.All(sample.Objects, o =>
        {
            Assert.Equal(4, o.Category);
            Assert.True(o.Box.X1 >= 0 && o.Box.Y1 >= 0 && o.Box.X2 <= 160 && o.Box.Y2 <= 160, $"box {o.Box} leaves the canvas");
        });
        Assert.Equal(-1, p.Others[0]);
        Assert.Contains(sample.Objects, o => o.SourceIndex == 0);
    }
}
