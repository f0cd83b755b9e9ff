using CsCheck;

namespace VisionPipeline.Augmentation.Tests.Support;

public static class Generators
{
    /// <summary>Images 64–160 px a side with a rectangle of at least 16 px a side inside.</summary>
    public static Gen<RectangleCase> Rectangles { get; } =
        from width in Gen.Int[64, 160]
        from height in Gen.Int[64, 160]
        from w in Gen.Int[16, width / 2]
        from h in Gen.Int[16, height / 2]
        from x in Gen.Int[0, width - w]
        from y in Gen.Int[0, height - h]
        from seed in Gen.Int[0, 1_000_000]
        select new RectangleCase(width, height, x, y, w, h, seed);
}
