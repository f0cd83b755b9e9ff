using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

/// <summary>Runs the real `vision` program (built next to these tests) as a separate process.</summary>
public static class VisionProcess
{
    public static ProcessResult Run(params string[] args) => RunIn(RepoPaths.Root, args);

    private static readonly Dictionary<string, string> Models = new() { ["VISION_MODELS"] = RepoPaths.Models };

    public static ProcessResult RunIn(string workingDirectory, params string[] args) =>
        DotnetProcess.Run(workingDirectory, [Program, .. args], TimeSpan.FromMinutes(5), Models);

    /// <summary>Runs `vision ARGS` that may take longer than most (a training run) before it counts as hung.</summary>
    public static ProcessResult RunWithin(TimeSpan timeout, params string[] args) =>
        DotnetProcess.Run(RepoPaths.Root, [Program, .. args], timeout, Models);

    /// <summary>Runs `vision ARGS` with the environment variables named in <paramref name="unset"/> empty.</summary>
    public static ProcessResult RunWithout(string[] unset, params string[] args) =>
        DotnetProcess.Run(RepoPaths.Root, [Program, .. args], TimeSpan.FromMinutes(5),
            new Dictionary<string, string>(Models.Concat(unset.Select(name => KeyValuePair.Create(name, "")))));

    /// <summary>Starts `vision ARGS` in the background.</summary>
    public static RunningProcess Start(params string[] args) => DotnetProcess.Start(RepoPaths.Root, [Program, .. args], Models);

    /// <summary>Starts `vision ARGS` in the background with <paramref name="environment"/> added to its environment.</summary>
    public static RunningProcess StartWith(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        DotnetProcess.Start(RepoPaths.Root, [Program, .. args], new Dictionary<string, string>(Models.Concat(environment)));

    /// <summary>Starts `vision ARGS` and kills it with SIGKILL after <paramref name="delay"/>; false when it ended first.</summary>
    public static bool KillAfter(TimeSpan delay, params string[] args) => DotnetProcess.KillAfter(RepoPaths.Root, [Program, .. args], delay, Models);

    /// <summary>
    /// Runs `vision ARGS` as a user other than the tests' own, for whom files the test made unreadable or folders it made
    /// unwritable (chmod) are so: as root, which reads and writes anything, it runs as `nobody` through setpriv.
    /// </summary>
    public static ProcessResult RunAsOtherUser(params string[] args)
    {
        IReadOnlyList<string>? launcher = IsRoot ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] : null;
        var environment = new Dictionary<string, string>(Models) { ["HOME"] = Path.GetTempPath(), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
        return DotnetProcess.Run(RepoPaths.Root, [Program, .. args], TimeSpan.FromMinutes(5), environment, launcher);
    }

    public static bool IsRoot => File.ReadLines("/proc/self/status").Any(l => l.StartsWith("Uid:") && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0");

    private static string Program => Path.Combine(AppContext.BaseDirectory, "vision.dll");
}
