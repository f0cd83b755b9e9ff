using VisionPipeline.Live.Scheduling;
using VisionPipeline.Live.Statistics;

namespace VisionPipeline.Live.Tests;

public class StatisticsTests
{
    [Fact]
    public void Latency_percentiles_are_within_one_percent_and_the_maximum_is_exact()
    {
        var histogram = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) histogram.Add(i / 10.0); // 0.1 … 100 ms
        Assert.Equal(1000, histogram.Count);
        Assert.Equal(100.0, histogram.Max);
        Assert.InRange(histogram.Percentile(0.5), 50.0 * 0.99, 50.0 * 1.01);
        Assert.InRange(histogram.Percentile(0.95), 95.0 * 0.99, 95.0 * 1.01);
        Assert.Equal(100.0, histogram.Percentile(1.0));
    }

    [Fact]
    public void An_empty_histogram_says_zero()
    {
        Assert.Equal(0, new LatencyHistogram().Percentile(0.95));
    }

    [Fact]
    public void Every_n_keeps_the_first_frame_and_then_one_in_n()
    {
        var thinning = new FrameThinning(every: 3, maxFps: 0);
        Assert.Equal([0L, 3, 6, 9], Enumerable.Range(0, 11).Select(i => (long)i).Where(i => thinning.Keep(i, i)).ToArray());
    }

    [Fact]
    public void Max_fps_keeps_frames_at_least_one_period_apart_by_grab_time()
    {
        var thinning = new FrameThinning(every: 1, maxFps: 10);
        long tenth = System.Diagnostics.Stopwatch.Frequency / 10;
        // Grabs every 40 ms: at most 10 a second keeps every third (0, 120, 240 ms …).
        var kept = Enumerable.Range(0, 10).Where(i => thinning.Keep(i, i * tenth * 4 / 10)).ToArray();
        Assert.Equal([0, 3, 6, 9], kept);
    }
}
