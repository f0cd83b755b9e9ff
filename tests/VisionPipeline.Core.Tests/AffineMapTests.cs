using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Core.Tests;

public class AffineMapTests
{
    [Fact]
    public void Inverse_undoes_a_letterbox_map_exactly()
    {
        var letterbox = AffineMap.Scale(0.35, 0.351).Then(AffineMap.Translation(0, 36));
        var back = letterbox.Invert();
        foreach (var (x, y) in new[] { (0.0, 0.0), (548.0, 342.0), (223.5, 92.25) })
        {
            var p = back.Apply(letterbox.Apply(x, y).X, letterbox.Apply(x, y).Y);
            Assert.True(Math.Abs(p.X - x) < 1e-9 && Math.Abs(p.Y - y) < 1e-9, $"({x},{y}) came back as ({p.X},{p.Y})");
        }
    }

    [Fact]
    public void Then_applies_the_first_map_before_the_second()
    {
        var scaleThenShift = AffineMap.Scale(2, 3).Then(AffineMap.Translation(10, 20));
        var p = scaleThenShift.Apply(1, 1);
        Assert.Equal((12.0, 23.0), (p.X, p.Y));
    }

    [Fact]
    public void Pixel_centre_form_of_a_half_scale_samples_between_source_pixels()
    {
        // Halving: destination pixel 0 covers source [0,2), whose centre is 0.5 in index coordinates.
        var m = AffineMap.Scale(0.5, 0.5).Invert().OnPixelCenters();
        var p = m.Apply(0, 0);
        Assert.Equal(0.5, p.X, 12);
        Assert.Equal(0.5, p.Y, 12);
    }

    [Fact]
    public void Boxes_map_through_scale_and_offset()
    {
        var map = AffineMap.Scale(2, 0.5).Then(AffineMap.Translation(-4, 1));
        Assert.Equal(new BoxF(6, 3, 16, 6), map.Apply(new BoxF(5, 4, 10, 10)));
    }

    [Fact]
    public void Singular_map_has_no_inverse()
    {
        Assert.Throws<InvalidOperationException>(() => AffineMap.Scale(0, 1).Invert());
    }
}
