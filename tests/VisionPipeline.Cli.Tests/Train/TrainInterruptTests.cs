using System.Diagnostics;

namespace VisionPipeline.Cli.Tests.Train;

/// <summary>Ctrl-C during `vision train`, then `--resume`: the resumed run ends where an uninterrupted one does.</summary>
public sealed class TrainInterruptTests
{
    [Fact]
    public void Ctrl_C_keeps_the_best_model_and_a_checkpoint_and_resume_ends_with_the_uninterrupted_runs_model_byte_for_byte()
    {
        using var run = new TrainRun().Synth("classify", images: 80);
        string[] settings = ["--epochs", "6", "--imgsz", "64", "--batch", "8", "--workers", "1", "--seed", "3"];
        var reference = Path.Combine(Path.GetDirectoryName(run.Output)!, "reference");
        var uninterrupted = VisionProcess.RunWithin(TrainRun.TrainingTimeout, ["train", "classify", "--data", run.Data, "--output", reference, .. settings]);
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.ToString());

        using (var process = VisionProcess.Start(["train", "classify", "--data", run.Data, "--output", run.Output, .. settings]))
        {
            var metrics = run.File("metrics.jsonl");
            var waited = Stopwatch.StartNew();
            while (!(File.Exists(metrics) && File.ReadAllLines(metrics).Length >= 1) && !process.HasExited && waited.Elapsed < TimeSpan.FromMinutes(3))
                Thread.Sleep(20);
            Assert.False(process.HasExited, "the run ended before it could be interrupted; give it more epochs");
            process.Interrupt();
            var stopped = process.WaitForExit(TimeSpan.FromMinutes(2));

            Assert.True(stopped.ExitCode == 130, stopped.ToString());
            Assert.Contains("--resume", stopped.Stderr);
            Assert.True(File.Exists(run.Model), $"no best model kept on Ctrl-C\n{stopped}");
            Assert.True(File.Exists(run.File("checkpoint/state.json")), $"no checkpoint kept on Ctrl-C\n{stopped}");
            Assert.InRange(File.ReadAllLines(metrics).Length, 1, 5);
        }

        var resumed = VisionProcess.RunWithin(TrainRun.TrainingTimeout, ["train", "classify", "--data", run.Data, "--output", run.Output, "--resume", .. settings]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(File.ReadAllLines(Path.Combine(reference, "metrics.jsonl")).Length, File.ReadAllLines(run.File("metrics.jsonl")).Length);
        Assert.True(File.ReadAllBytes(Path.Combine(reference, "model.onnx")).AsSpan().SequenceEqual(File.ReadAllBytes(run.Model)),
            "the resumed run's model.onnx differs from the uninterrupted run's");
    }
}
