using System.Diagnostics;

namespace VisionPipeline.TestSupport;

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs `dotnet ARGS` as a separate process and collects its exit code and output.</summary>
public static class DotnetProcess
{
    /// <param name="launcher">a command that runs dotnet for us (e.g. setpriv with its options), or none</param>
    public static ProcessResult Run(string workingDirectory, IEnumerable<string> args, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? launcher = null)
    {
        var info = StartInfo(workingDirectory, args, environment, launcher);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', info.ArgumentList)} did not finish in {timeout.TotalMinutes:0} minutes");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts `dotnet ARGS` and returns at once; the caller may interrupt it (as Ctrl-C does) and then collects its output.</summary>
    public static RunningProcess Start(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        new(Process.Start(StartInfo(workingDirectory, args, environment))!);

    /// <summary>Starts `dotnet ARGS` and kills it (SIGKILL, no chance to clean up) after <paramref name="delay"/>.</summary>
    /// <returns>false when the process had already ended by itself</returns>
    public static bool KillAfter(string workingDirectory, IEnumerable<string> args, TimeSpan delay, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args, environment))!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (process.WaitForExit(delay)) return false;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return true;
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment,
        IReadOnlyList<string>? launcher = null)
    {
        var info = new ProcessStartInfo(launcher is { Count: > 0 } ? launcher[0] : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (launcher is { Count: > 0 })
        {
            foreach (var a in launcher.Skip(1)) info.ArgumentList.Add(a);
            info.ArgumentList.Add("dotnet");
        }
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        return info;
    }
}

/// <summary>A program running in the background: interrupt it as Ctrl-C does, then wait for its result.</summary>
public sealed class RunningProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout, _stderr;

    internal RunningProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Sends SIGINT, what Ctrl-C in a terminal sends.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString()]);
        kill.WaitForExit();
    }

    public ProcessResult WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the program did not end within {timeout.TotalSeconds:0} s of being asked to");
        }
        return new ProcessResult(_process.ExitCode, _stdout.Result, _stderr.Result);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
