using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

/// <summary>Runs the real `vision` program (built next to these tests) as a separate process.</summary>
public static class VisionProcess
{
    public static ProcessResult Run(params string[] args) => RunIn(RepoPaths.Root, args);

    public static ProcessResult RunIn(string workingDirectory, params string[] args) =>
        DotnetProcess.Run(workingDirectory, [Path.Combine(AppContext.BaseDirectory, "vision.dll"), .. args], TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["VISION_MODELS"] = RepoPaths.Models });
}
