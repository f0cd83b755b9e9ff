using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Decoders.Text;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Decoders.Tests;

public class TextDecoderTests
{
    private static float[] OneHotSteps(int classes, params int[] winners)
    {
        var p = new float[winners.Length * classes];
        for (int t = 0; t < winners.Length; t++)
        {
            for (int c = 0; c < classes; c++) p[t * classes + c] = 0.1f / classes;
            p[t * classes + winners[t]] = 0.8f + 0.01f * t;
        }
        return p;
    }

    [Fact]
    public void CTC_collapses_repeats_and_drops_blanks()
    {
        var ctc = new CtcGreedyDecoder(["a", "b", " "]); // classes: 0 blank, 1 a, 2 b, 3 space
        var (text, confidence) = ctc.Decode(OneHotSteps(4, 1, 1, 0, 1, 2, 2, 3, 0, 0), 9);
        Assert.Equal("aab ", text);
        Assert.Equal((0.80f + 0.83f + 0.84f + 0.86f) / 4, confidence, 5);
    }

    [Fact]
    public void CTC_of_only_blanks_is_empty_with_zero_confidence()
    {
        var ctc = new CtcGreedyDecoder(["a"]);
        Assert.Equal(("", 0f), ctc.Decode(OneHotSteps(2, 0, 0, 0), 3));
    }

    [Fact]
    public void A_dictionary_of_the_wrong_revision_is_refused()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("keys.txt"), "a\nb\nc");
        var decoder = CtcGreedyDecoder.FromDictionary(temp.File("keys.txt"), 5);
        Assert.Equal(5, decoder.ClassCount);
        var e = Assert.Throws<ConfigurationException>(() => CtcGreedyDecoder.FromDictionary(temp.File("keys.txt"), 6625));
        Assert.Contains("dictionary has 3 entries; the recogniser's 6625 classes need 6623", e.Message);
    }

    [Fact]
    public void Corners_are_ordered_clockwise_from_top_left()
    {
        var ordered = TextQuad.OrderClockwise([new Point2f(10, 5), new Point2f(0, 6), new Point2f(0, 0), new Point2f(10, -1)]);
        Assert.Equal([new Point2f(0, 0), new Point2f(10, -1), new Point2f(10, 5), new Point2f(0, 6)], ordered);
    }

    [Fact]
    public void DB_turns_a_bright_rectangle_into_one_unclipped_quad_in_image_pixels()
    {
        int w = 64, h = 32;
        var map = new float[w * h];
        for (int y = 10; y < 20; y++)
            for (int x = 8; x < 48; x++)
                map[y * w + x] = 0.9f;
        // The map was made from a 128×64 image: twice the size.
        var quads = new DbTextPostProcessor().Process(map, w, h, AffineMap.Scale(2, 2), 128, 64);

        var quad = Assert.Single(quads);
        Assert.Equal(0.9f, quad.Score, 3);
        // Rectangle of 39×9 (contour from pixel centres) grown by d = area·1.5/perimeter ≈ 5.5 map px per side.
        double d = 39.0 * 9 * 1.5 / (2 * (39 + 9));
        Assert.InRange(quad.Corners[0].X, 2 * (8 - d) - 2, 2 * (8 - d) + 2);
        Assert.InRange(quad.Corners[2].X, 2 * (47 + d) - 2, 2 * (47 + d) + 2);
        Assert.InRange(quad.Corners[0].Y, 2 * (10 - d) - 2, 2 * (10 - d) + 2);
    }

    [Fact]
    public void DB_drops_faint_and_tiny_regions()
    {
        int w = 64, h = 32;
        var map = new float[w * h];
        for (int y = 2; y < 12; y++) for (int x = 2; x < 30; x++) map[y * w + x] = 0.45f;  // above 0.3, below box threshold 0.6
        for (int y = 20; y < 22; y++) for (int x = 40; x < 42; x++) map[y * w + x] = 0.95f; // 2×2: shorter than min size 3
        Assert.Empty(new DbTextPostProcessor().Process(map, w, h, AffineMap.Identity, w, h));
    }

    [Fact]
    public void Reading_order_is_top_to_bottom_then_left_to_right_within_a_line()
    {
        TextQuad Q(float x, float y) => new([new(x, y), new(x + 5, y), new(x + 5, y + 5), new(x, y + 5)], 1);
        var ordered = DbTextPostProcessor.ReadingOrder([Q(50, 102), Q(0, 100), Q(20, 50), Q(30, 104)]);
        Assert.Equal([20f, 0f, 30f, 50f], ordered.Select(q => q.Corners[0].X).ToArray());
    }

    [Theory]
    [InlineData(0.05f, 0.95f, true)]
    [InlineData(0.15f, 0.85f, false)]
    [InlineData(0.95f, 0.05f, false)]
    public void Direction_flips_only_above_the_threshold(float upright, float flipped, bool expected)
    {
        Assert.Equal(expected, TextDirectionDecoder.IsUpsideDown([upright, flipped]));
    }
}
