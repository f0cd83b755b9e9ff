using System.Diagnostics;

namespace VisionPipeline.Cli.Tests.Live;

/// <summary>
/// Debian's ffmpeg serving a video file as MPEG-TS over HTTP on loopback, at the file's own pace (-re), to one
/// client: a network stream the tests can pause (SIGSTOP: the connection stays open and silent, a stall), kill
/// and start again.
/// </summary>
public sealed class FfmpegServer : IDisposable
{
    private readonly string _clip;
    private Process? _process;

    public FfmpegServer(string clip)
    {
        _clip = clip;
        Port = LoopbackPort.Free();
        Start();
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/live.ts";

    public void Start()
    {
        var info = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-nostdin", "-loglevel", "quiet", "-re", "-i", _clip, "-c:v", "mpeg2video", "-q:v", "4", "-f", "mpegts", "-listen", "1", Url })
            info.ArgumentList.Add(a);
        _process = Process.Start(info) ?? throw new InvalidOperationException("cannot start ffmpeg (scripts/setup.sh installs it)");
        _ = _process.StandardError.ReadToEndAsync();
        _ = _process.StandardOutput.ReadToEndAsync();
        // Listening takes ffmpeg a moment; a client that comes first is refused (and would have to reconnect).
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until && !Listening()) Thread.Sleep(50);
    }

    /// <summary>Freezes the server: the connection stays open and no more data comes.</summary>
    public void Pause() => Signal("-STOP");

    public void Kill()
    {
        if (_process is null) return;
        Signal("-CONT");
        try { _process.Kill(); } catch (InvalidOperationException) { }
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    private void Signal(string signal)
    {
        if (_process is null) return;
        using var kill = Process.Start("kill", [signal, _process.Id.ToString()]);
        kill.WaitForExit();
    }

    private bool Listening()
    {
        // ffmpeg -listen takes one client, so probing with a connection would use it up: look for the socket instead.
        var local = $":{Port:X4}";
        return File.ReadLines("/proc/net/tcp").Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(f => f.Length > 3 && f[1].EndsWith(local, StringComparison.Ordinal) && f[3] == "0A");
    }

    public void Dispose() => Kill();
}
