using OpenCvSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Imaging.Preprocessing;

namespace VisionPipeline.Imaging.Tests;

/// <summary>
/// Letterboxing straight into the tensor must give the model exactly what letterboxing an image and packing it gave:
/// the same floats to the bit (a model's output, and so every box, depends on them) and the same map back.
/// </summary>
public class TensorInputTests
{
    public static TheoryData<int, int, int, int, ResizeMode> Sizes => new()
    {
        { 640, 480, 640, 640, ResizeMode.Letterbox },        // a VGA frame into YOLO's input: same width, no resize
        { 548, 342, 640, 640, ResizeMode.Letterbox },        // upscaled, bands top and bottom
        { 333, 517, 640, 640, ResizeMode.Letterbox },        // portrait: bands left and right, odd widths
        { 1280, 721, 320, 320, ResizeMode.Letterbox },       // downscaled, the odd pixel at the bottom
        { 77, 300, 192, 128, ResizeMode.LetterboxTopLeft },  // padding only right and bottom
        { 256, 256, 256, 256, ResizeMode.Letterbox },        // no padding at all
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Writing_a_letterboxed_image_into_the_tensor_equals_letterbox_then_pack_to_the_bit(int w, int h, int tw, int th, ResizeMode mode)
    {
        using var image = new Mat(h, w, MatType.CV_8UC3);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(256));
        foreach (var spec in Specs(mode))
        {
            var expected = new float[3 * tw * th];
            using (var prepared = ImageResizer.Prepare(image, tw, th, spec.Resize, spec.PadValue))
            {
                TensorPacker.Pack(prepared.Image, spec, expected);
                var actual = new float[expected.Length];
                Array.Fill(actual, float.NaN); // every value must be written
                var placement = TensorInput.Write(image, spec, tw, th, actual);
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                        $"{w}×{h} into {tw}×{th} ({spec.Colors}, pad {spec.PadValue}): value {i} (channel {i / (tw * th)}, row {i % (tw * th) / tw}, " +
                        $"column {i % tw}) is {actual[i]:R}, letterbox then pack gave {expected[i]:R}");
                Assert.Equal(prepared.ToTensor, placement.ToTensor);
            }
        }
    }

    [Fact]
    public void A_photo_decoded_from_the_samples_gets_the_same_tensor_too()
    {
        using var photo = Cv2.ImRead(Path.Combine(TestSupport.RepoPaths.SampleImages, "messi5.jpg"), ImreadModes.Color);
        var spec = Specs(ResizeMode.Letterbox).First();
        var expected = new float[3 * 640 * 640];
        using (var prepared = ImageResizer.Prepare(photo, 640, 640, ResizeMode.Letterbox, spec.PadValue))
            TensorPacker.Pack(prepared.Image, spec, expected);
        var actual = new float[expected.Length];
        TensorInput.Write(photo, spec, 640, 640, actual);
        Assert.True(expected.AsSpan().SequenceEqual(actual), "messi5.jpg: the tensors differ");
    }

    private static IEnumerable<TensorSpec> Specs(ResizeMode mode) =>
    [
        new() { Name = "images", Colors = ColorOrder.Rgb, Scale = 1 / 255f, Resize = mode, PadValue = 114 },
        new() { Name = "x", Colors = ColorOrder.Bgr, Scale = 1 / 255f, Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f], Resize = mode, PadValue = 0 },
        new() { Name = "y", Colors = ColorOrder.Rgb, Scale = 1 / 127.5f, Mean = [1, 1, 1], Std = [1, 1, 1], Resize = mode, PadValue = 127 },
    ];
}
