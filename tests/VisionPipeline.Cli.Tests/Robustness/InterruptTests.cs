using System.Diagnostics;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests.Robustness;

/// <summary>Ctrl-C (SIGINT) during a run: the images in flight are finished, everything written is whole, exit 130.</summary>
public class InterruptTests
{
    [Fact]
    public void Ctrl_C_finishes_the_images_in_flight_keeps_whole_results_exits_130_and_resume_completes_the_run()
    {
        using var input = new TempDirectory();
        string[] photos = ["messi5.jpg", "fruits.jpg", "orange.jpg"];
        for (int i = 0; i < 150; i++) File.Copy(RepoPaths.Sample(photos[i % 3]), input.File($"img{i:D3}.jpg"));
        using var clean = new TempDirectory();
        using var stopped = new TempDirectory();
        Assert.Equal(0, VisionProcess.Run("run", "-i", input.Path, "-o", clean.Path, "-p", "faces", "--quiet").ExitCode);

        using var process = VisionProcess.Start("run", "-i", input.Path, "-o", stopped.Path, "-p", "faces", "--quiet");
        var partial = Path.Combine(stopped.Path, "results.jsonl.partial");
        var waited = Stopwatch.StartNew();
        while (!(File.Exists(partial) && File.ReadAllLines(partial).Length >= 5) && !process.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2))
            Thread.Sleep(20);
        Assert.False(process.HasExited, "the run ended before it could be interrupted; give it more images");
        process.Interrupt();
        var result = process.WaitForExit(TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Contains("stopping: finishing the images in flight", result.Stderr);
        var kept = File.ReadAllLines(Path.Combine(stopped.Path, "results.jsonl"));
        var reference = File.ReadAllLines(Path.Combine(clean.Path, "results.jsonl"));
        Assert.InRange(kept.Length, 5, reference.Length - 1);
        Assert.Equal(reference.Take(kept.Length), kept); // every kept line whole and as an uninterrupted run wrote it
        Assert.False(File.Exists(partial), "results.jsonl takes its final name on Ctrl-C");
        Assert.Empty(Directory.GetFiles(stopped.Path, "*.tmp*", SearchOption.AllDirectories));

        var resumed = VisionProcess.Run("run", "-i", input.Path, "-o", stopped.Path, "-p", "faces", "--quiet", "--resume");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(clean.Path, "results.jsonl")), File.ReadAllBytes(Path.Combine(stopped.Path, "results.jsonl")));
    }
}
