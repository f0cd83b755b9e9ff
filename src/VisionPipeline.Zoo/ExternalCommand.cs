using System.Diagnostics;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Zoo;

/// <summary>Runs a registry client (npm, dotnet) and turns a failure into a one-line error.</summary>
internal static class ExternalCommand
{
    public static string Run(string fileName, string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new VisionException(fileName, $"cannot start '{fileName}' ({e.Message}); is it installed and on PATH?", inner: e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var detail = (stderr.Result + "\n" + stdout.Result)
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? "no message";
                throw new VisionException(fileName, $"'{fileName} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}: {detail}");
            }
            return stdout.Result;
        }
    }
}
