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
}
