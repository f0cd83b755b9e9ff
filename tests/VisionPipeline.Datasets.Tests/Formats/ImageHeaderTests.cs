using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats.Files;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Datasets.Tests.Formats;

public class ImageHeaderTests
{
    [Theory]
    [InlineData("baboon.jpg")]
    [InlineData("basketball1.png")]
    [InlineData("building.jpg")]
    [InlineData("imageTextN.png")]
    [InlineData("messi5.jpg")]
    [InlineData("sudoku.png")]
    [InlineData("text_motion.jpg")]
    public void Header_size_matches_the_decoded_image(string photo)
    {
        var path = RepoPaths.Sample(photo);
        using var decoded = Cv2.ImRead(path, ImreadModes.Color);
        Assert.Equal((decoded.Width, decoded.Height), ImageHeader.ReadSize(path));
    }

    [Theory]
    [InlineData(1, 548, 342, true)]
    [InlineData(3, 548, 342, false)]
    [InlineData(6, 342, 548, true)]
    [InlineData(8, 342, 548, false)]
    public void Exif_orientation_that_turns_the_photo_swaps_its_size_as_opencv_decodes_it(int orientation, int width, int height, bool littleEndian)
    {
        // messi5.jpg (548×342) with a minimal EXIF block inserted after SOI: IFD0 holding only the orientation tag.
        using var dir = new TempDirectory();
        var original = File.ReadAllBytes(RepoPaths.Sample("messi5.jpg"));
        byte[] tiff = littleEndian
            ? [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte)orientation, 0, 0, 0, 0, 0, 0, 0]
            : [(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, 0, 0, 0, 0];
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        var length = payload.Length + 2;
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload, .. original[2..]];
        File.WriteAllBytes(dir.File("turned.jpg"), jpeg);
        Assert.Equal((width, height), ImageHeader.ReadSize(dir.File("turned.jpg")));
        using var decoded = Cv2.ImRead(dir.File("turned.jpg"), ImreadModes.Color);
        Assert.Equal((decoded.Width, decoded.Height), ImageHeader.ReadSize(dir.File("turned.jpg")));
    }

    [Fact]
    public void Png_and_jpeg_sizes_come_from_the_header_alone_without_decoding()
    {
        // Only the first bytes of each file are kept: OpenCV could not decode them, the header reader needs no more.
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("head.png"), File.ReadAllBytes(RepoPaths.Sample("sudoku.png"))[..64]);
        File.WriteAllBytes(dir.File("head.jpg"), File.ReadAllBytes(RepoPaths.Sample("building.jpg"))[..2048]);
        Assert.Equal((558, 563), ImageHeader.ReadSize(dir.File("head.png")));
        Assert.Equal((868, 600), ImageHeader.ReadSize(dir.File("head.jpg")));
    }

    [Fact]
    public void Bmp_header_is_read_and_a_corrupt_file_names_itself()
    {
        using var dir = new TempDirectory();
        using (var image = new Mat(37, 53, MatType.CV_8UC3, Scalar.All(9))) Cv2.ImWrite(dir.File("a.bmp"), image);
        Assert.Equal((53, 37), ImageHeader.ReadSize(dir.File("a.bmp")));
        File.WriteAllText(dir.File("broken.jpg"), "not an image");
        var error = Assert.Throws<VisionException>(() => ImageHeader.ReadSize(dir.File("broken.jpg")));
        Assert.Contains("broken.jpg", error.Message);
    }
}
