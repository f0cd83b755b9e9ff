using System.Text.Json;

namespace VisionPipeline.Cli.Tests.Train;

/// <summary>`vision train … --bench`: the trainer and the bare TorchSharp loop measured side by side (the figures are not asserted).</summary>
public sealed class TrainBenchTests
{
    [Fact]
    public void Bench_prints_both_rates_and_their_ratio_per_round_writes_them_as_json_and_keeps_no_model()
    {
        using var run = new TrainRun().Synth("classify", images: 40);

        var bench = VisionProcess.Run("train", "classify", "--data", run.Data, "--bench", "--bench-steps", "2", "--bench-rounds", "2",
            "--imgsz", "32", "--batch", "8", "--workers", "1", "--json", run.Json);

        Assert.True(bench.ExitCode == 0, bench.ToString());
        Assert.Contains("trainer samples/s", bench.Stdout);
        Assert.Contains("bare loop samples/s", bench.Stdout);
        var summary = run.Summary();
        Assert.Equal(2, summary.GetProperty("rounds").GetArrayLength());
        foreach (var name in new[] { "trainer_samples_per_s", "bare_samples_per_s", "ratio" })
            Assert.True(summary.GetProperty(name).GetDouble() > 0, $"{name} is not a positive figure: {summary}");
        Assert.Equal(8, summary.GetProperty("batch").GetInt32());
        Assert.False(Directory.Exists(run.Output), "--bench wrote an output folder");
    }
}
