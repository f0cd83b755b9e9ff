using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;
using VisionPipeline.Live.Output;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests.Live;

/// <summary>
/// --serve in a real browser: Debian's chromium (installed by scripts/setup.sh) driven by Playwright, on the
/// crossing-faces clip played in real time, so the video, the detection list and the stats all change.
/// </summary>
public class ViewerTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_viewer_page_shows_the_live_video_detections_and_stats_and_Ctrl_C_closes_everything()
    {
        using var dir = new TempDirectory();
        // 367 frames played in real time at 15 a second: about 24 s, far longer than the browser needs.
        var clip = TestClips.WriteCrossingFaces(dir.File("faces.avi"), frames: 367, fps: 15, step: 1);
        int port = LoopbackPort.Free();
        var json = dir.File("frames.jsonl");
        using var run = VisionProcess.Start("live", "--source", clip, "--pipeline", TestClips.FacesOnlyPipeline(dir.Path), "--realtime",
            "--track", "--serve", $"127.0.0.1:{port}", "--save-json", json, "--duration", "120");
        var site = $"http://127.0.0.1:{port}";
        await WaitForServer(site, run);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site + "/");

        // The video: the img shows MJPEG frames of the clip's size, and its pixels change.
        await page.WaitForFunctionAsync("() => document.getElementById('video-0').naturalWidth === 480");
        const string Pixels = """
            () => { const img = document.getElementById('video-0'); const c = document.createElement('canvas');
              c.width = img.naturalWidth; c.height = img.naturalHeight; const g = c.getContext('2d'); g.drawImage(img, 0, 0);
              return Array.from(g.getImageData(0, 0, c.width, c.height).data.filter((_, i) => i % 97 == 0)).join(); }
            """;
        var firstPicture = await page.EvaluateAsync<string>(Pixels);
        await page.WaitForFunctionAsync($"first => ({Pixels})() !== first", firstPicture);

        // The detections of the latest frame (two tracked faces) and the frame caption change.
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#detections li').length === 2");
        Assert.Matches(@"^#\d+ face \d\.\d\d \[", await page.Locator("#detections li").First.TextContentAsync());
        var caption = await page.Locator("#frame-0").TextContentAsync();
        await page.WaitForFunctionAsync("c => document.getElementById('frame-0').textContent !== c", caption);

        // The stats table fills and moves on.
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#stats tr').length === 2");
        var processed = await page.Locator("#stats tr:nth-child(2) td:nth-child(6)").TextContentAsync();
        await page.WaitForFunctionAsync("p => document.querySelector('#stats tr:nth-child(2) td:nth-child(6)').textContent !== p", processed);

        foreach (var path in new[] { "/../../etc/passwd", "/stream/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/stream/..%2f..%2fetc%2fpasswd", "//etc/passwd", "/stream/7" })
        {
            var answer = await RawGet(port, path);
            Assert.True(answer.StartsWith("HTTP/1.1 404") || answer.StartsWith("HTTP/1.1 400"), $"GET {path} was answered: {answer.Split('\n')[0]}");
            Assert.DoesNotContain("root:", answer);
        }

        run.Interrupt();
        var result = run.WaitForExit(TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Contains($"live: viewer at {site}/", result.Stderr);
        Assert.NotEmpty(File.ReadAllLines(json).Select(FrameLine.Parse)); // the JSON file took its final name
    }

    [Fact]
    public void Serving_beyond_loopback_needs_allow_remote()
    {
        var result = VisionProcess.Run("live", "--source", "0", "--serve", "0.0.0.0:8080");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("vision: --serve 0.0.0.0:8080: serving beyond this machine needs --allow-remote", result.Stderr);
    }

    [Fact]
    public void Show_without_a_display_says_so_and_the_run_goes_on()
    {
        using var dir = new TempDirectory();
        var clip = TestClips.Write(dir.File("clip.avi"), frames: 5, fps: 10);
        var result = VisionProcess.RunWithout(["DISPLAY", "WAYLAND_DISPLAY"], "live", "--source", clip, "--pipeline", TestClips.FacesOnlyPipeline(dir.Path),
            "--show", "--save-json", dir.File("frames.jsonl"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("live: --show: no display here", result.Stderr);
        Assert.Equal(5, File.ReadAllLines(dir.File("frames.jsonl")).Length);
    }

    [Fact]
    public void Show_opens_a_window_per_source_on_a_display_and_Ctrl_C_closes_it()
    {
        using var dir = new TempDirectory();
        var clip = TestClips.Write(dir.File("clip.avi"), frames: 200, fps: 10);
        // A display of its own: Xvfb, Debian's virtual X server (scripts/setup.sh installs it).
        int display = 90 + Random.Shared.Next(400);
        using var xvfb = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("Xvfb", [$":{display}", "-nolisten", "tcp", "-screen", "0", "1024x768x24"])
            { RedirectStandardError = true, RedirectStandardOutput = true })!;
        try
        {
            var socket = $"/tmp/.X11-unix/X{display}";
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!File.Exists(socket) && waited.Elapsed < TimeSpan.FromSeconds(20)) Thread.Sleep(50);
            Assert.True(File.Exists(socket), $"Xvfb :{display} did not start");

            using var run = VisionProcess.StartWith(new Dictionary<string, string> { ["DISPLAY"] = $":{display}" },
                "live", "--source", clip, "--realtime", "--pipeline", TestClips.FacesOnlyPipeline(dir.Path), "--show", "--save-json", dir.File("frames.jsonl"));
            string windows = "";
            while (!run.HasExited && waited.Elapsed < TimeSpan.FromSeconds(60) && !windows.Contains("vision live: source 0 ("))
            {
                Thread.Sleep(200);
                windows = ListWindows(display);
            }
            Assert.False(run.HasExited, "the run ended before its window could be seen:\n" + (run.HasExited ? run.WaitForExit(TimeSpan.Zero).ToString() : ""));
            Assert.Contains($"vision live: source 0 ({clip})", windows);
            run.Interrupt();
            var result = run.WaitForExit(TimeSpan.FromMinutes(1));
            Assert.True(result.ExitCode == 130, result.ToString());
            Assert.DoesNotContain("no display here", result.Stderr);
            Assert.True(File.ReadAllLines(dir.File("frames.jsonl")).Length > 0, "no frame was processed while the window was shown");
        }
        finally
        {
            xvfb.Kill();
            xvfb.WaitForExit();
        }
    }

    /// <summary>The names of the windows on an X display, as xwininfo lists them.</summary>
    private static string ListWindows(int display)
    {
        using var list = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("xwininfo", ["-display", $":{display}", "-root", "-tree"])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var text = list.StandardOutput.ReadToEnd();
        list.WaitForExit();
        return text;
    }

    private static async Task WaitForServer(string site, RunningProcess run)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < until && !run.HasExited)
        {
            try
            {
                if ((await http.GetAsync(site + "/stats")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        Assert.Fail($"the viewer did not answer at {site}/stats\n{(run.HasExited ? run.WaitForExit(TimeSpan.Zero).ToString() : "")}");
    }

    /// <summary>A request sent byte for byte (an HTTP client would tidy the path first); the status line and body come back.</summary>
    private static async Task<string> RawGet(int port, string path)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var read = reader.ReadToEndAsync();
        return await read.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
