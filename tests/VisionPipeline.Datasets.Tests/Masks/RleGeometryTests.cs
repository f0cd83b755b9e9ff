using CsCheck;
using OpenCvSharp;
using VisionPipeline.Datasets.Masks;

namespace VisionPipeline.Datasets.Tests.Masks;

/// <summary>
/// Polygon rasterisation, boxes, merge and IoU. Expected counts are traced by hand through maskApi.c
/// (rleFrPoly, rleToBbox, rleMerge, rleIou, bbIou); the traces are summarised next to each case.
/// </summary>
public class RleGeometryTests
{
    [Fact]
    public void Unit_box_covers_exactly_its_pixel()
    {
        // frBbox [0,0,1,1] → polygon (0,0)(0,1)(1,1)(1,0), ×5 → (0,0)(0,5)(5,5)(5,0). Only u = 3 on the bottom
        // edge (xd = 2 → column 0, yd = ceil(0.6) = 1) and u = 2 on the top edge (column 0, yd = 0) survive the
        // downsampling: positions 1 and 0, plus 9 → runs 0,1,8.
        var rle = Rle.FromBbox(new BoxXywh(0, 0, 1, 1), 3, 3);
        Assert.Equal(new uint[] { 0, 1, 8 }, rle.Counts.ToArray());
        Assert.Equal(new BoxXywh(0, 0, 1, 1), rle.ToBbox());
    }

    [Fact]
    public void Right_triangle_keeps_the_pixels_whose_centres_are_inside()
    {
        // [0,0, 4,0, 0,4] in 5×5: the hypotenuse walk gives column tops 0 and bottoms 3,2,1,0 for columns 0..3,
        // positions 0,3,5,7,10,11,15,15 and 25 → deltas 0,3,2,2,3,1,4,0,10; the zero merges 4+10 → runs
        // 0,3,2,2,3,1,14: 3+2+1 = 6 pixels (centres with x+y < 4), not the continuous area 8.
        var rle = Rle.FromPolygon([0, 0, 4, 0, 0, 4], 5, 5);
        Assert.Equal(new uint[] { 0, 3, 2, 2, 3, 1, 14 }, rle.Counts.ToArray());
        Assert.Equal(6, rle.Area);
        Assert.Equal("032O1O;", rle.ToCompressedString());
        Assert.Equal(new BoxXywh(0, 0, 3, 3), rle.ToBbox());
    }

    [Fact]
    public void Integer_boxes_inside_the_image_rasterise_to_exactly_their_area_and_box()
    {
        // Top edge y → ceil(y - 0.4) = y, bottom edge Y → Y; columns x..X-1 are crossed at 5n+2: a w×h box
        // is exactly w·h pixels (so a COCO box [0,0,10,10] has mask area 100).
        var gen = Gen.Select(Gen.Int[0, 15], Gen.Int[0, 15], Gen.Int[1, 10], Gen.Int[1, 10]);
        gen.Sample((x, y, w, h) =>
        {
            var box = new BoxXywh(x, y, w, h);
            var rle = Rle.FromBbox(box, 25, 26);
            Assert.Equal((long)w * h, rle.Area);
            Assert.Equal(box, rle.ToBbox());
        });
    }

    [Fact]
    public void Box_past_the_image_edge_is_clipped()
    {
        // Columns beyond w-1 are skipped and rows clamp to h: the box keeps 3 columns × 2 rows.
        var rle = Rle.FromBbox(new BoxXywh(2, 3, 10, 10), 5, 5);
        Assert.Equal(6, rle.Area);
        Assert.Equal(new BoxXywh(2, 3, 3, 2), rle.ToBbox());
    }

    [Fact]
    public void Polygon_with_an_odd_trailing_coordinate_ignores_it_like_pycocotools()
    {
        Assert.Equal(Rle.FromPolygon([0, 0, 4, 0, 0, 4], 5, 5), Rle.FromPolygon([0, 0, 4, 0, 0, 4, 3], 5, 5));
    }

    [Fact]
    public void Merge_gives_union_and_intersection()
    {
        // Pixel (0,0) = runs 0,1,8 and pixel (x=1,y=1) = position 4 → runs 4,1,4 in a 3×3 mask.
        var a = new Rle(3, 3, [0, 1, 8]);
        var b = Rle.FromBbox(new BoxXywh(1, 1, 1, 1), 3, 3);
        Assert.Equal(new uint[] { 4, 1, 4 }, b.Counts.ToArray());
        Assert.Equal(new uint[] { 0, 1, 3, 1, 4 }, Rle.Merge([a, b], intersect: false).Counts.ToArray());
        Assert.Equal(new uint[] { 9 }, Rle.Merge([a, b], intersect: true).Counts.ToArray());
        Assert.Throws<ArgumentException>(() => Rle.Merge([a, new Rle(2, 2, [4])], intersect: false));
    }

    [Fact]
    public void Merge_of_random_masks_matches_bitwise_or_and_and()
    {
        var gen = Gen.Select(Gen.Int[1, 9], Gen.Int[1, 9]).SelectMany((h, w) =>
            Gen.Select(Gen.Byte[0, 1].Array[h * w], Gen.Byte[0, 1].Array[h * w]).Select((p, q) => (h, w, p, q)));
        gen.Sample(sample =>
        {
            var (h, w, p, q) = sample;
            using var mp = Mat.FromPixelData(h, w, MatType.CV_8UC1, p);
            using var mq = Mat.FromPixelData(h, w, MatType.CV_8UC1, q);
            using var or = new Mat();
            using var and = new Mat();
            Cv2.BitwiseOr(mp, mq, or);
            Cv2.BitwiseAnd(mp, mq, and);
            var rp = Rle.Encode(mp);
            var rq = Rle.Encode(mq);
            Assert.Equal(Rle.Encode(or), Rle.Merge([rp, rq], intersect: false));
            Assert.Equal(Rle.Encode(and), Rle.Merge([rp, rq], intersect: true));
        });
    }

    [Fact]
    public void Mask_iou_follows_the_crowd_rule()
    {
        // 2×2 squares offset by one pixel in a 4×4 image: intersection 1, union 4+4-1 = 7; against a crowd
        // ground truth the union is the detection's area, 4.
        var dt = Rle.FromBbox(new BoxXywh(0, 0, 2, 2), 4, 4);
        var gt = Rle.FromBbox(new BoxXywh(1, 1, 2, 2), 4, 4);
        Assert.Equal(1.0 / 7.0, Rle.Iou(dt, gt, groundTruthIsCrowd: false));
        Assert.Equal(1.0 / 4.0, Rle.Iou(dt, gt, groundTruthIsCrowd: true));
        var far = Rle.FromBbox(new BoxXywh(3, 3, 1, 1), 4, 4);
        Assert.Equal(0.0, Rle.Iou(dt, far, groundTruthIsCrowd: false));
        var otherSize = Rle.FromBbox(new BoxXywh(0, 0, 2, 2), 5, 4);
        Assert.Equal(-1.0, Rle.Iou(dt, otherSize, groundTruthIsCrowd: false));
    }

    [Fact]
    public void Iou_matrix_is_indexed_detection_then_ground_truth()
    {
        var d0 = Rle.FromBbox(new BoxXywh(0, 0, 2, 2), 4, 4);
        var d1 = Rle.FromBbox(new BoxXywh(2, 2, 2, 2), 4, 4);
        var g0 = Rle.FromBbox(new BoxXywh(1, 1, 2, 2), 4, 4);
        var ious = Rle.Iou([d0, d1], [g0, d1], [true, false]);
        Assert.Equal(2, ious.GetLength(0));
        Assert.Equal(0.25, ious[0, 0]);
        Assert.Equal(0.25, ious[1, 0]);
        Assert.Equal(0.0, ious[0, 1]);
        Assert.Equal(1.0, ious[1, 1]);
    }

    [Fact]
    public void Box_iou_follows_bbIou_including_the_crowd_rule()
    {
        // Overlap 5×5 = 25; union 100+100-25 = 175, or the detection's 100 against a crowd box.
        var dt = new BoxXywh(0, 0, 10, 10);
        var gt = new BoxXywh(5, 5, 10, 10);
        Assert.Equal(25.0 / 175.0, BoxIou.Compute(dt, gt, groundTruthIsCrowd: false));
        Assert.Equal(0.25, BoxIou.Compute(dt, gt, groundTruthIsCrowd: true));
        Assert.Equal(0.0, BoxIou.Compute(dt, new BoxXywh(10, 0, 5, 5), groundTruthIsCrowd: false)); // touching
        var m = BoxIou.Compute([dt, gt], [gt], [false]);
        Assert.Equal(1.0, m[1, 0]);
    }

    [Fact]
    public void Polygon_far_outside_any_image_is_refused_instead_of_allocating_gigabytes()
    {
        Assert.Throws<ArgumentException>(() => Rle.FromPolygon([0, 0, 1e9, 0, 0, 5], 10, 10));
        Assert.Throws<ArgumentException>(() => Rle.FromPolygon([0, 0, double.NaN, 0, 0, 5], 10, 10));
    }

    [Fact]
    public void Coordinate_cap_follows_the_image_size()
    {
        // A 10×20 image allows −80..100: a polygon reaching 1e5 (well under the old fixed 1e7 cap) is refused,
        // one reaching the bounds still rasterises (clipped to the image, as maskApi.c does).
        var error = Assert.Throws<ArgumentException>(() => Rle.FromPolygon([0, 0, 1e5, 0, 0, 5], 10, 20));
        Assert.Contains("within -80..100 pixels", error.Message);
        Assert.Throws<ArgumentException>(() => Rle.FromPolygon([0, -81, 5, 0, 0, 5], 10, 20));
        var edge = Rle.FromPolygon([-80, -80, 100, -80, 100, 100, -80, 100], 10, 20);
        Assert.True(edge.Area == 200, $"a polygon covering the whole 10×20 image from the cap's bounds must fill it, got {edge.Area} pixels");
    }

    [Fact]
    public void A_mask_without_pixels_has_an_empty_box()
    {
        // Found by scripts/fuzz.sh: a 0×5 mask with counts "00" (runs 0, 0) divided by the height 0 in ToBbox.
        var rle = Rle.FromCompressedString("00", 0, 5);
        Assert.Equal(default, rle.ToBbox());
        Assert.Equal(default, new Rle(4, 0, [0, 0]).ToBbox());
    }
}
