using VisionPipeline.Live.Output;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests.Live;

/// <summary>
/// `vision live` end to end on clips the tests make (squares moving over a dark background: BlazeFace finds
/// nothing in them, which is what these tests want: the frames, their order, their counts and their outputs).
/// </summary>
public class LiveCommandTests
{
    private static List<FrameLine> Lines(string file) => File.ReadAllLines(file).Select(FrameLine.Parse).ToList();

    [Fact]
    public void A_video_file_gives_one_json_line_per_frame_and_a_recording_OpenCV_reads_back()
    {
        using var dir = new TempDirectory();
        var clip = TestClips.Write(dir.File("clip.avi"), frames: 24, fps: 20);
        var result = VisionProcess.Run("live", "--source", clip, "--pipeline", TestClips.FacesOnlyPipeline(dir.Path), "--save-json", dir.File("frames.jsonl"),
            "--record", dir.File("annotated.mp4"));
        Assert.True(result.ExitCode == 0, result.ToString());

        var lines = Lines(dir.File("frames.jsonl"));
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (long)i), lines.Select(l => l.Frame));
        Assert.All(lines, l => Assert.Equal(clip, l.Source));
        Assert.Equal(Enumerable.Range(0, 24).Select(i => i * 50.0), lines.Select(l => Math.Round(l.TimestampMs)));
        Assert.All(lines, l => Assert.True(l.LatencyMs > 0 && l.Width == 320 && l.Height == 240 && l.Error is null, $"frame {l.Frame}: {l.ToJson()}"));
        Assert.Equal(24, TestClips.CountFrames(dir.File("annotated.mp4")));
        Assert.Matches(@"0: \S+clip\.avi\s+24\s+24\s+0\s", result.Stdout);
        Assert.Contains("engines", result.Stdout);
    }

    [Fact]
    public void Several_sources_share_the_pipeline_stop_at_max_frames_and_sinks_write_a_folder_per_source()
    {
        using var dir = new TempDirectory();
        var first = TestClips.Write(dir.File("first.avi"), frames: 30, fps: 25);
        var second = TestClips.Write(dir.File("second.avi"), frames: 30, fps: 25);
        var result = VisionProcess.Run("live", "--source", first, "--source", second, "--pipeline", TestClips.FacesOnlyPipeline(dir.Path), "--max-frames", "8",
            "--save-json", dir.File("frames.jsonl"), "--record", dir.File("rec.mp4"), "--output", dir.File("out"));
        Assert.True(result.ExitCode == 0, result.ToString());

        var lines = Lines(dir.File("frames.jsonl"));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), lines.Where(l => l.Source == first).Select(l => l.Frame));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), lines.Where(l => l.Source == second).Select(l => l.Frame));
        Assert.Equal(8, TestClips.CountFrames(dir.File("rec-0.mp4")));
        Assert.Equal(8, TestClips.CountFrames(dir.File("rec-1.mp4")));
        foreach (var source in new[] { "source-0", "source-1" })
        {
            var annotated = Directory.GetFiles(dir.File($"out/annotated/{source}")).Select(Path.GetFileName).Order().ToList();
            Assert.Equal(Enumerable.Range(0, 8).Select(i => $"frame-{i:D6}.jpg"), annotated);
        }
    }

    [Fact]
    public void With_realtime_a_file_plays_as_a_camera_and_frames_the_pipeline_cannot_take_are_dropped_not_queued()
    {
        using var dir = new TempDirectory();
        // 1,000 frames a second: far more than the pipeline keeps up with, so the newest-frame slot must drop.
        var clip = TestClips.Write(dir.File("fast.avi"), frames: 150, fps: 1000);
        var result = VisionProcess.Run("live", "--source", clip, "--pipeline", TestClips.FacesOnlyPipeline(dir.Path), "--realtime", "--save-json", dir.File("frames.jsonl"));
        Assert.True(result.ExitCode == 0, result.ToString());

        var lines = Lines(dir.File("frames.jsonl"));
        Assert.True(lines.Count < 150, $"all 150 frames were processed: nothing was dropped\n{result}");
        AssertNewestFirst(lines);
        var row = System.Text.RegularExpressions.Regex.Match(result.Stdout, @"0: \S+fast\.avi\s+(\d+)\s+(\d+)\s+(\d+)\s");
        Assert.True(row.Success, result.Stdout);
        long read = long.Parse(row.Groups[1].Value), processed = long.Parse(row.Groups[2].Value), dropped = long.Parse(row.Groups[3].Value);
        Assert.Equal(150, read);
        Assert.Equal(lines.Count, processed);
        Assert.True(read == processed + dropped, $"every frame read is processed or counted as dropped: {read} read, {processed} processed, {dropped} dropped");
    }

    [Fact]
    public void Thinning_with_every_keeps_one_frame_in_n()
    {
        using var dir = new TempDirectory();
        var clip = TestClips.Write(dir.File("clip.avi"), frames: 20, fps: 20);
        var result = VisionProcess.Run("live", "--source", clip, "--pipeline", TestClips.FacesOnlyPipeline(dir.Path), "--every", "5", "--save-json", dir.File("frames.jsonl"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([0L, 5, 10, 15], Lines(dir.File("frames.jsonl")).Select(l => l.Frame));
    }

    [Fact]
    public void A_frame_that_cannot_be_decoded_is_skipped_counted_and_reported_and_the_rest_of_the_file_goes_on()
    {
        using var dir = new TempDirectory();
        var clip = TestClips.Write(dir.File("clip.avi"), frames: 10, fps: 10);
        TestClips.DamageFrame(clip, 4);
        var result = VisionProcess.Run("live", "--source", clip, "--pipeline", TestClips.FacesOnlyPipeline(dir.Path), "--save-json", dir.File("frames.jsonl"));
        Assert.True(result.ExitCode == 1, $"a skipped frame is an input that failed: exit 1\n{result}");
        Assert.Contains($"live: source 0 ({clip}): frame 4 cannot be decoded; skipped", result.Stderr);
        Assert.Equal([0L, 1, 2, 3, 5, 6, 7, 8, 9], Lines(dir.File("frames.jsonl")).Select(l => l.Frame));
        Assert.Matches(@"0: \S+clip\.avi\s+9\s+9\s+0\s+0\s+1\s", result.Stdout);
    }

    [Theory]
    [InlineData("missing.avi", "missing.avi: no such video file")]
    [InlineData("7", "7: cannot open the camera")]
    [InlineData("http://127.0.0.1:9/none.ts", "http://127.0.0.1:9/none.ts: cannot open the stream")]
    public void A_source_that_cannot_be_opened_fails_fast_with_one_line_naming_it_and_exit_code_2(string source, string message)
    {
        using var dir = new TempDirectory();
        var result = VisionProcess.Run("live", "--source", source, "--pipeline", TestClips.FacesOnlyPipeline(dir.Path), "--open-timeout", "3", "--save-json", dir.File("frames.jsonl"));
        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"vision: {message}", line);
        Assert.False(File.Exists(dir.File("frames.jsonl")) || File.Exists(dir.File("frames.jsonl.partial")), "a source that cannot be opened must stop the run before anything is written");
    }

    [Fact]
    public async Task A_stalled_network_stream_is_reported_and_the_run_ends_cleanly()
    {
        using var dir = new TempDirectory();
        using var server = new FfmpegServer(TestClips.Write(dir.File("clip.avi"), frames: 400, fps: 20));
        var json = dir.File("frames.jsonl");
        var run = Task.Run(() => VisionProcess.Run("live", "--source", server.Url, "--pipeline", TestClips.FacesOnlyPipeline(dir.Path), "--read-timeout", "2", "--save-json", json));
        await WaitForLines(json + ".partial", 5, run);
        server.Pause(); // the connection stays open, and silent
        var result = await run;

        Assert.True(result.ExitCode == 1, $"a stream that stalled is a source that failed: exit 1\n{result}");
        Assert.Contains($"live: source 0 ({server.Url}): stalled: no frame for 2 s; it is closed", result.Stderr);
        var lines = Lines(json); // the file took its final name: the run ended cleanly
        Assert.True(lines.Count >= 5, result.ToString());
        AssertNewestFirst(lines);
        Assert.Matches(@"0: http://\S+\s+\d+\s+\d+", result.Stdout);
    }

    [Fact]
    public async Task With_reconnect_a_network_stream_killed_and_started_again_resumes_and_the_gap_is_reported()
    {
        using var dir = new TempDirectory();
        using var server = new FfmpegServer(TestClips.Write(dir.File("clip.avi"), frames: 400, fps: 20));
        var json = dir.File("frames.jsonl");
        var run = Task.Run(() => VisionProcess.Run("live", "--source", server.Url, "--pipeline", TestClips.FacesOnlyPipeline(dir.Path), "--reconnect", "--read-timeout", "3",
            "--max-frames", "30", "--save-json", json));
        await WaitForLines(json + ".partial", 5, run);
        server.Kill();
        int before = CountLines(json + ".partial");
        server.Start();
        var result = await run;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"live: source 0 ({server.Url}): the stream ended; reconnecting", result.Stderr);
        Assert.Matches(@"frames again after a gap of \d+\.\d s", result.Stderr);
        var lines = Lines(json);
        Assert.Equal(30, lines.Count);
        Assert.True(before < 30, $"the run ended before the server was killed\n{result}");
        AssertNewestFirst(lines);
    }

    /// <summary>A camera or stream may skip frames the pipeline was too busy for, but never goes back to an older one.</summary>
    private static void AssertNewestFirst(List<FrameLine> lines)
    {
        for (int i = 1; i < lines.Count; i++)
            Assert.True(lines[i].Frame > lines[i - 1].Frame, $"frame {lines[i].Frame} was processed after frame {lines[i - 1].Frame}");
    }

    /// <summary>Waits until the run has written <paramref name="count"/> lines (or ended, which the asserts then report).</summary>
    private static async Task WaitForLines(string file, int count, Task run)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < until && !run.IsCompleted && (!File.Exists(file) || CountLines(file) < count)) await Task.Delay(50);
    }

    private static int CountLines(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        int n = 0;
        while (reader.ReadLine() is not null) n++;
        return n;
    }
}
