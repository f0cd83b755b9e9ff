using VisionPipeline.Core.Errors;
using VisionPipeline.Live.Sources;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Live.Tests;

public class SourceAddressTests
{
    [Theory]
    [InlineData("0", SourceKind.Camera)]
    [InlineData("/dev/video2", SourceKind.Camera)]
    [InlineData("rtsp://camera.local:554/stream", SourceKind.Network)]
    [InlineData("http://127.0.0.1:8080/live.ts", SourceKind.Network)]
    [InlineData("tcp://10.0.0.2:5000", SourceKind.Network)]
    public void Cameras_and_urls_are_told_apart_by_their_text(string text, SourceKind kind)
    {
        Assert.Equal(kind, SourceAddress.Parse(text, 0).Kind);
    }

    [Fact]
    public void A_file_must_exist_and_a_folder_is_refused_with_a_line_naming_it()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("clip.mp4"), [1]);
        Assert.Equal(SourceKind.File, SourceAddress.Parse(dir.File("clip.mp4"), 1).Kind);
        Assert.Equal("source-1", SourceAddress.Parse(dir.File("clip.mp4"), 1).Folder);
        Assert.Equal($"{dir.File("gone.mp4")}: no such video file", Assert.Throws<ConfigurationException>(() => SourceAddress.Parse(dir.File("gone.mp4"), 0)).Message);
        Assert.StartsWith($"{dir.Path}: is a folder", Assert.Throws<ConfigurationException>(() => SourceAddress.Parse(dir.Path, 0)).Message);
    }
}
