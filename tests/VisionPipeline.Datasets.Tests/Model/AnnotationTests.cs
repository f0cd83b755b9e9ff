namespace VisionPipeline.Datasets.Tests.Model;

public class AnnotationTests
{
    [Fact]
    public void Area_given_by_the_file_wins_over_any_computed_one()
    {
        var annotation = new Annotation(7, 3, new BoxXywh(0.5, 0.25, 10.125, 4)) { Area = 33.3 };
        Assert.Equal(33.3, annotation.ResolveArea(100, 100));
        Assert.Equal(0.5, annotation.Box.X);
        Assert.Equal(10.125, annotation.Box.Width);
    }

    [Fact]
    public void Without_a_given_area_a_polygon_counts_its_mask_pixels_and_a_box_its_width_times_height()
    {
        // Two disjoint unit squares and a right triangle of 6 pixel centres: the union has 1 + 1 + 6 pixels.
        var polygons = new PolygonSegmentation([[10, 10, 11, 10, 11, 11, 10, 11], [12, 12, 13, 12, 13, 13, 12, 13], [0, 0, 4, 0, 0, 4]]);
        var withMask = new Annotation(1, 1, new BoxXywh(0, 0, 13, 13)) { Segmentation = polygons };
        Assert.Equal(8, withMask.ResolveArea(20, 20));
        var boxOnly = new Annotation(2, 1, new BoxXywh(1, 2, 2.5, 4));
        Assert.Equal(10, boxOnly.ResolveArea(20, 20));
    }

    [Fact]
    public void Four_number_parts_are_boxes_as_pycocotools_frPyObjects_reads_them()
    {
        // frPyObjects sends a list whose first part has 4 numbers to frBbox: [1,1,3,2] is a 3×2 box, area 6,
        // not a degenerate 2-point polygon (area 0). Two such boxes merge like polygons do.
        var box = new PolygonSegmentation([[1, 1, 3, 2]]);
        Assert.True(box.IsBoxes, "a first part of 4 numbers must be read as a box");
        var rle = box.ToRle(10, 10);
        Assert.True(rle.Area == 6, $"box [1,1,3,2] should cover 3×2 = 6 pixels, got {rle.Area}");
        Assert.Equal(new BoxXywh(1, 1, 3, 2), rle.ToBbox());
        Assert.Equal(6 + 4, new PolygonSegmentation([[1, 1, 3, 2], [6, 6, 2, 2]]).ToRle(10, 10).Area);
        var mixed = Assert.Throws<ArgumentException>(() => new PolygonSegmentation([[1, 1, 3, 2], [0, 0, 4, 0, 0, 4]]).ToRle(10, 10));
        Assert.Contains("part 1 has 6 numbers", mixed.Message);
    }
}
