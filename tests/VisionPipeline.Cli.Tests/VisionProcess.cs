using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

/// <summary>Runs the real `vision` program (built next to these tests) as a separate process.</summary>
public static class VisionProcess
{
    public static ProcessResult Run(params string[] args) => RunIn(RepoPaths.Root, args);

    private static readonly Dictionary<string, string> Models = new() { ["VISION_MODELS"] = RepoPaths.Models };

    public static ProcessResult RunIn(string workingDirectory, params string[] args) =>
        DotnetProcess.Run(workingDirectory, [Program, .. args], TimeSpan.FromMinutes(5), Models);

    /// <summary>Runs `vision ARGS` with the environment variables named in <paramref name="unset"/> empty.</summary>
    public static ProcessResult RunWithout(string[] unset, params string[] args) =>
        DotnetProcess.Run(RepoPaths.Root, [Program, .. args], TimeSpan.FromMinutes(5),
            new Dictionary<string, string>(Models.Concat(unset.Select(name => KeyValuePair.Create(name, "")))));

    /// <summary>Starts `vision ARGS` in the background.</summary>
    public static RunningProcess Start(params string[] args) => DotnetProcess.Start(RepoPaths.Root, [Program, .. args], Models);

    /// <summary>Starts `vision ARGS` and kills it with SIGKILL after <paramref name="delay"/>; false when it ended first.</summary>
    public static bool KillAfter(TimeSpan delay, params string[] args) => DotnetProcess.KillAfter(RepoPaths.Root, [Program, .. args], delay, Models);

    private static string Program => Path.Combine(AppContext.BaseDirectory, "vision.dll");
}
