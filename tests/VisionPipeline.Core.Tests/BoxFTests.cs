using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Core.Tests;

public class BoxFTests
{
    [Fact]
    public void IoU_of_half_overlapping_boxes_is_one_third()
    {
        var a = new BoxF(0, 0, 2, 2);
        var b = new BoxF(1, 0, 3, 2);
        Assert.Equal(1f / 3f, a.IoU(b), 6);
    }

    [Fact]
    public void Disjoint_and_degenerate_boxes_have_zero_IoU()
    {
        Assert.Equal(0f, new BoxF(0, 0, 1, 1).IoU(new BoxF(2, 2, 3, 3)));
        Assert.Equal(0f, new BoxF(0, 0, 0, 0).IoU(new BoxF(0, 0, 0, 0)));
    }

    [Fact]
    public void ClipTo_keeps_boxes_inside_the_image()
    {
        Assert.Equal(new BoxF(0, 5, 100, 50), new BoxF(-3, 5, 120, 50).ClipTo(100, 80));
    }
}
