using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Live.Viewer;

namespace VisionPipeline.Live.Tests;

public class ViewerTests
{
    private static ViewerFeed Feed() => new(["cam"], () => []);

    [Fact]
    public async Task A_viewer_that_falls_behind_gets_the_newest_frame_not_a_backlog()
    {
        using var feed = Feed();
        using var watching = feed.Watch(0);
        Assert.True(feed.Watched(0));
        for (int k = 1; k <= 5; k++)
        {
            using var frame = new Mat(8, 8, MatType.CV_8UC3, Scalar.All(40 * k));
            feed.PublishFrame(0, frame);
        }
        var (sequence, jpeg) = await feed.NextFrame(0, seen: 0, CancellationToken.None);
        Assert.Equal(5, sequence);
        using var decoded = Cv2.ImDecode(jpeg, ImreadModes.Color);
        Assert.InRange(decoded.At<Vec3b>(4, 4).Item0, 190, 210); // the fifth frame's grey, not the first's
    }

    [Fact]
    public void A_slow_event_listener_keeps_only_the_newest_lines()
    {
        using var feed = Feed();
        var (lines, stop) = feed.Listen();
        using (stop)
        {
            for (int i = 0; i < 100; i++) feed.PublishLine($"{{\"frame\":{i}}}");
            var kept = new List<string>();
            while (lines.TryRead(out var line)) kept.Add(line);
            Assert.Equal(ViewerFeed.EventBacklog, kept.Count);
            Assert.Equal("{\"frame\":99}", kept[^1]);
        }
    }

    [Fact]
    public void Nobody_watching_means_no_frames_are_encoded()
    {
        using var feed = Feed();
        Assert.False(feed.Watched(0));
        using (feed.Watch(0)) Assert.True(feed.Watched(0));
        Assert.False(feed.Watched(0));
    }

    [Theory]
    [InlineData("127.0.0.1:8080", "http://127.0.0.1:8080/")]
    [InlineData("localhost:9000", "http://127.0.0.1:9000/")]
    [InlineData("[::1]:8080", "http://[::1]:8080/")]
    public void Loopback_addresses_are_served_without_asking(string text, string url)
    {
        var address = ServeAddress.Parse(text, allowRemote: false);
        Assert.True(address.IsLoopback);
        Assert.Equal(url, address.Url);
    }

    [Theory]
    [InlineData("0.0.0.0:8080", "serving beyond this machine needs --allow-remote")]
    [InlineData("192.168.1.5:8080", "serving beyond this machine needs --allow-remote")]
    [InlineData("camera.local:8080", "'camera.local' is not an IP address or localhost")]
    [InlineData("127.0.0.1", "give HOST:PORT")]
    [InlineData("127.0.0.1:70000", "give HOST:PORT")]
    public void Other_addresses_need_allow_remote_and_bad_ones_are_refused_with_a_line(string text, string problem)
    {
        var error = Assert.Throws<ConfigurationException>(() => ServeAddress.Parse(text, allowRemote: false));
        Assert.Contains(problem, error.Message);
        Assert.StartsWith($"--serve {text}: ", error.Message);
    }

    [Fact]
    public void With_allow_remote_any_address_is_served()
    {
        Assert.False(ServeAddress.Parse("0.0.0.0:8080", allowRemote: true).IsLoopback);
    }
}
