using System.Diagnostics;
using OpenCvSharp;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

/// <summary>Long runs: memory that stays flat, and a killed run resumed to the same result.</summary>
public class ScaleTests
{
    private const string FacesOnly = """
        name: faces-only
        nodes:
          - { id: image, kind: source.images }
          - { id: faces, kind: model, input: image, model: blazeface-full }
          - { id: results, kind: sink.jsonl, inputs: [faces] }
        """;

    /// <summary>Generated noise images (no real photo is needed to measure memory), 64×64 PNG.</summary>
    private static void Generate(string dir, int count)
    {
        using var image = new Mat(64, 64, MatType.CV_8UC3);
        for (int i = 0; i < count; i++)
        {
            Cv2.Randu(image, Scalar.All(0), Scalar.All(256));
            Cv2.ImWrite(Path.Combine(dir, $"img{i:D5}.png"), image);
        }
    }

    private static Process Start(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vision.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["VISION_MODELS"] = RepoPaths.Models;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static long PeakResidentBytes(Process process)
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:"));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException) { return 0; }
    }

    [Fact]
    public void Two_thousand_images_run_in_bounded_memory()
    {
        const long bound = 400L * 1024 * 1024; // managed + native, as the kernel counts resident pages
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        Generate(input.Path, 2000);
        File.WriteAllText(output.File("faces.yaml"), FacesOnly);

        using var process = Start(RepoPaths.Root, "run", "-i", input.Path, "-o", output.File("out"), "-p", output.File("faces.yaml"), "-q");
        long peak = 0;
        while (!process.WaitForExit(100)) peak = Math.Max(peak, PeakResidentBytes(process));
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}");
        Assert.Equal(2000, File.ReadLines(output.File("out/results.jsonl")).Count());
        Assert.True(peak > 0, "could not read the process's peak memory from /proc");
        Assert.True(peak < bound, $"peak resident memory {peak / 1048576} MiB exceeds the {bound / 1048576} MiB bound");
    }

    [Fact]
    public void A_killed_run_resumed_gives_the_same_results_as_an_uninterrupted_one()
    {
        using var input = new TempDirectory();
        using var work = new TempDirectory();
        for (int i = 0; i < 150; i++) File.Copy(RepoPaths.Sample(i % 2 == 0 ? "messi5.jpg" : "fruits.jpg"), input.File($"p{i:D3}.jpg"));
        File.WriteAllText(work.File("faces.yaml"), FacesOnly);

        var full = VisionProcess.Run("run", "-i", input.Path, "-o", work.File("full"), "-p", work.File("faces.yaml"), "-q", "--workers", "2");
        Assert.True(full.ExitCode == 0, full.ToString());

        var partial = work.File("killed/results.jsonl.partial");
        using (var process = Start(RepoPaths.Root, "run", "-i", input.Path, "-o", work.File("killed"), "-p", work.File("faces.yaml"), "-q", "--workers", "2"))
        {
            var clock = Stopwatch.StartNew();
            while (!process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                if (File.Exists(partial) && File.ReadAllLines(partial).Length >= 20) break;
                Thread.Sleep(20);
            }
            Assert.False(process.HasExited, "the run finished before it could be killed");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        Assert.False(File.Exists(work.File("killed/results.jsonl")), "a killed run must not leave a final results.jsonl");

        var resumed = VisionProcess.Run("run", "-i", input.Path, "-o", work.File("killed"), "-p", work.File("faces.yaml"), "--resume", "--workers", "2");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(File.ReadAllText(work.File("full/results.jsonl")), File.ReadAllText(work.File("killed/results.jsonl")));
    }
}
