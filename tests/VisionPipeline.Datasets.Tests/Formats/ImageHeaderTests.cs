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
        using var decoded = Cv2.ImRead(path, ImreadModes.Unchanged);
        Assert.Equal((decoded.Width, decoded.Height), ImageHeader.ReadSize(path));
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
