using CsCheck;
using OpenCvSharp;
using VisionPipeline.Datasets.Masks;

namespace VisionPipeline.Datasets.Tests.Masks;

/// <summary>
/// Encoding, decoding and the compressed string form. Expected values are derived by hand from maskApi.c
/// (rleEncode, rleToString, rleFrString); each test says how.
/// </summary>
public class RleCodecTests
{
    [Fact]
    public void Encode_walks_pixels_column_major_and_starts_with_a_zero_run()
    {
        // Rows: [0 1] [1 1] [0 0]. Column-major order reads column 0 (0,1,0) then column 1 (1,1,0):
        // 0 | 1 | 0 | 1 1 | 0  →  runs 1,1,1,2,1.
        using var mask = Mat.FromPixelData(3, 2, MatType.CV_8UC1, new byte[] { 0, 1, 1, 1, 0, 0 });
        var rle = Rle.Encode(mask);
        Assert.Equal(new uint[] { 1, 1, 1, 2, 1 }, rle.Counts.ToArray());
        Assert.Equal(3, rle.Height);
        Assert.Equal(2, rle.Width);
        Assert.Equal(3, rle.Area);
    }

    [Fact]
    public void Mask_starting_with_foreground_gets_an_empty_first_run()
    {
        using var mask = new Mat(2, 2, MatType.CV_8UC1, Scalar.All(255));
        Assert.Equal(new uint[] { 0, 4 }, Rle.Encode(mask).Counts.ToArray());
        using var empty = new Mat(2, 2, MatType.CV_8UC1, Scalar.All(0));
        var none = Rle.Encode(empty);
        Assert.Equal(new uint[] { 4 }, none.Counts.ToArray());
        Assert.Equal(0, none.Area);
        Assert.Equal(default, none.ToBbox());
    }

    [Fact]
    public void Compressed_string_of_small_counts_is_one_character_each_with_deltas_from_the_fourth_on()
    {
        // counts 1,1,1,2,1: the first three are written as they are ('0'+1 = '1'); then 2-1 = 1 → '1'
        // and 1-1 = 0 → '0'.
        var rle = new Rle(3, 2, [1, 1, 1, 2, 1]);
        Assert.Equal("11110", rle.ToCompressedString());
    }

    [Fact]
    public void Compressed_string_uses_continuation_characters_and_negative_deltas()
    {
        // 100 = 0b11_00100: low 5 bits 4 with continuation (4|32)+48 = 'T', then 3+48 = '3'.
        // 3 → '3'. 50 = 0b1_10010: 18 has bit 4 set, so a continuation is needed: (18|32)+48 = 'b', then '1'.
        // 1 - 3 = -2: low bits 30, rest -1 and bit 4 set → stop: 30+48 = 'N'.
        var rle = new Rle(154, 1, [100, 3, 50, 1]);
        Assert.Equal("T33b1N", rle.ToCompressedString());
        Assert.Equal(rle, Rle.FromCompressedString("T33b1N", 154, 1));
    }

    [Fact]
    public void Compressed_string_that_does_not_fit_the_size_is_rejected_with_the_reason()
    {
        var error = Assert.Throws<FormatException>(() => Rle.FromCompressedString("11110", 4, 4));
        Assert.Contains("add up to 6 pixels", error.Message);
        Assert.Throws<FormatException>(() => Rle.FromCompressedString("1~", 3, 2));
        Assert.Throws<FormatException>(() => Rle.FromCompressedString("T", 3, 2)); // continuation with nothing after it
    }

    [Fact]
    public void Decode_gives_a_row_major_0_1_mat()
    {
        var rle = new Rle(3, 2, [1, 1, 1, 2, 1]);
        using var mask = rle.Decode();
        Assert.Equal(MatType.CV_8UC1, mask.Type());
        Assert.Equal(new[] { 0, 1, 1, 1, 0, 0 }, Pixels(mask));
    }

    [Fact]
    public void Random_masks_survive_encode_decode_and_the_string_form()
    {
        var gen = Gen.Select(Gen.Int[1, 17], Gen.Int[1, 17])
            .SelectMany((h, w) => Gen.Byte[0, 1].Array[h * w].Select(pixels => (h, w, pixels)));
        gen.Sample(sample =>
        {
            var (h, w, pixels) = sample;
            using var mask = Mat.FromPixelData(h, w, MatType.CV_8UC1, pixels);
            var rle = Rle.Encode(mask);
            using var decoded = rle.Decode();
            Assert.True(Pixels(decoded).SequenceEqual(pixels.Select(p => (int)p)), $"decode(encode(m)) != m for {h}×{w}");
            Assert.Equal(rle, Rle.FromCompressedString(rle.ToCompressedString(), h, w));
            Assert.Equal(Cv2.CountNonZero(mask), rle.Area);
            var expectedBox = Cv2.CountNonZero(mask) == 0 ? default : ToXywh(Cv2.BoundingRect(mask));
            Assert.Equal(expectedBox, rle.ToBbox());
        });
    }

    [Fact]
    public void Counts_that_do_not_cover_the_image_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Rle(2, 2, [1, 2]));
        Assert.Contains("add up to 3 pixels but the mask is 2×2", error.Message);
    }

    internal static int[] Pixels(Mat mask)
    {
        mask.GetArray(out byte[] data);
        return data.Select(b => (int)b).ToArray();
    }

    private static BoxXywh ToXywh(Rect r) => new(r.X, r.Y, r.Width, r.Height);
}
