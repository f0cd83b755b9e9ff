using VisionPipeline.Benchmarking;

namespace VisionPipeline.Tests;

/// <summary>The benchmark's honesty rules: a ratio above 1 is never a result, and every ratio comes with its spread.</summary>
public class RatioSpreadTests
{
    [Fact]
    public void A_ratio_below_1_gets_the_t_interval_of_its_rounds_and_no_warning()
    {
        var spread = RatioSpread.Of(0.958, [0.95, 0.97, 0.96]);
        // mean 0.96, sample standard deviation 0.01, t(0.975; 2) = 4.303: 0.96 ± 4.303 · 0.01 / √3.
        double half = 4.303 * 0.01 / Math.Sqrt(3);
        Assert.Equal(0.96 - half, spread.Low, 12);
        Assert.Equal(0.96 + half, spread.High, 12);
        Assert.Null(spread.Warning);
    }

    [Fact]
    public void A_ratio_above_1_within_the_spread_is_called_noise_around_the_floor()
    {
        // The case met in use: `--workers 1 --threads 1` on a loaded machine gave 1.050 from rounds of 1.033 and 1.066.
        var spread = RatioSpread.Of(1.050, [1.033, 1.066]);
        Assert.True(spread.Low <= 1 && spread.High > 1, $"interval {spread.Low}–{spread.High} should hold 1");
        Assert.StartsWith("ratio 1.050 is above 1, which no pipeline can reach, but within the rounds' spread", spread.Warning);
        Assert.Contains("noise around 1", spread.Warning);
    }

    [Fact]
    public void A_floor_slower_than_the_pipeline_beyond_the_spread_is_flagged_as_no_result()
    {
        var spread = RatioSpread.Of(1.115, [1.10, 1.12, 1.11, 1.13]);
        Assert.True(spread.Low > 1, $"interval {spread.Low}–{spread.High} should lie above 1");
        Assert.Contains("beyond the rounds' spread", spread.Warning);
        Assert.Contains("it is not a result", spread.Warning);
    }

    [Fact]
    public void One_round_above_1_has_no_spread_and_is_no_result()
    {
        var spread = RatioSpread.Of(1.02, [1.02]);
        Assert.False(spread.HasInterval);
        Assert.Contains("one round measures no spread", spread.Warning);
        Assert.Null(RatioSpread.Of(0.9, [0.9]).Warning);
    }
}
