using OpenCvSharp;

namespace VisionPipeline.Augmentation.Tests.Support;

public static class MatAssert
{
    public static void Identical(Mat expected, Mat actual, string what)
    {
        Assert.True(expected.Size() == actual.Size() && expected.Type() == actual.Type(),
            $"{what}: expected {expected.Size()} {expected.Type()}, got {actual.Size()} {actual.Type()}");
        using var diff = new Mat();
        Cv2.Absdiff(expected, actual, diff);
        using var flat = diff.Reshape(1);
        int differing = Cv2.CountNonZero(flat);
        Assert.True(differing == 0, $"{what}: {differing} pixel values differ");
    }

    public static byte[] Bytes(Mat mat)
    {
        using var continuous = mat.IsContinuous() ? mat.Clone() : mat.Clone();
        var bytes = new byte[continuous.Total() * continuous.ElemSize()];
        System.Runtime.InteropServices.Marshal.Copy(continuous.Data, bytes, 0, bytes.Length);
        return bytes;
    }
}
