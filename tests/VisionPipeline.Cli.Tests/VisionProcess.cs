using System.Diagnostics;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs the real `vision` program (built next to these tests) as a separate process.</summary>
public static class VisionProcess
{
    public static ProcessResult Run(params string[] args) => RunIn(RepoPaths.Root, args);

    public static ProcessResult RunIn(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vision.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["VISION_MODELS"] = RepoPaths.Models;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"vision {string.Join(' ', args)} did not finish in 5 minutes");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
