using OpenCvSharp;
using OpenCvSharp.Dnn;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Imaging.Preprocessing;

namespace VisionPipeline.Imaging.Tests;

public class TensorPackerTests
{
    private static Mat RandomImage(int w, int h)
    {
        var image = new Mat(h, w, MatType.CV_8UC3);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(256));
        return image;
    }

    [Theory]
    [InlineData(ColorOrder.Rgb)]
    [InlineData(ColorOrder.Bgr)]
    public void Nchw_matches_OpenCV_blobFromImage(ColorOrder colors)
    {
        using var image = RandomImage(37, 23);
        var spec = new TensorSpec { Name = "x", Colors = colors, Scale = 1 / 127.5f, Mean = [1, 1, 1], Std = [1, 1, 1] };
        var tensor = new float[3 * 37 * 23];
        TensorPacker.PackNchw(image, spec, tensor);

        using var blob = CvDnn.BlobFromImage(image, 1 / 127.5, new Size(37, 23), new Scalar(127.5, 127.5, 127.5), swapRB: colors == ColorOrder.Rgb, crop: false);
        var expected = new float[tensor.Length];
        System.Runtime.InteropServices.Marshal.Copy(blob.Data, expected, 0, expected.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - tensor[i]) < 1e-5, $"value {i}: expected {expected[i]}, packed {tensor[i]}");
    }

    [Fact]
    public void Per_channel_mean_and_std_apply_in_tensor_channel_order()
    {
        using var image = new Mat(2, 2, MatType.CV_8UC3, new Scalar(255, 0, 51)); // B=255, G=0, R=51
        var spec = new TensorSpec { Name = "x", Colors = ColorOrder.Bgr, Scale = 1 / 255f, Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f] };
        var t = new float[12];
        TensorPacker.PackNchw(image, spec, t);
        Assert.Equal((1 - 0.485f) / 0.229f, t[0], 5);
        Assert.Equal((0 - 0.456f) / 0.224f, t[4], 5);
        Assert.Equal((0.2f - 0.406f) / 0.225f, t[8], 5);
    }

    [Fact]
    public void Row_stride_leaves_the_right_padding_untouched()
    {
        using var image = new Mat(2, 3, MatType.CV_8UC3, Scalar.All(255));
        var spec = new TensorSpec { Name = "x", Scale = 1 / 255f };
        var t = Enumerable.Repeat(-7f, 3 * 2 * 5).ToArray();
        TensorPacker.PackNchw(image, spec, t, rowStride: 5);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 2; y++)
                for (int x = 0; x < 5; x++)
                    Assert.Equal(x < 3 ? 1f : -7f, t[c * 10 + y * 5 + x]);
    }

    [Fact]
    public void Nhwc_interleaves_channels_in_the_requested_order()
    {
        using var image = new Mat(1, 2, MatType.CV_8UC3, new Scalar(10, 20, 30));
        var spec = new TensorSpec { Name = "x", Layout = TensorLayout.Nhwc, Colors = ColorOrder.Rgb };
        var t = new float[6];
        TensorPacker.Pack(image, spec, t);
        Assert.Equal([30f, 20f, 10f, 30f, 20f, 10f], t);
    }

    [Fact]
    public void Non_bgr_input_is_rejected_with_its_type()
    {
        using var grey = new Mat(2, 2, MatType.CV_8UC1);
        var e = Assert.Throws<ArgumentException>(() => TensorPacker.PackNchw(grey, new TensorSpec { Name = "x" }, new float[12]));
        Assert.Contains("3-channel", e.Message);
    }
}
