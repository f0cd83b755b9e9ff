using OpenCvSharp;

namespace VisionPipeline.Live.Viewer;

/// <summary>
/// --show: one OpenCV window per source showing its newest annotated frame, drawn by one GUI thread (OpenCV's
/// windows belong to the thread that made them). A frame that arrives before the previous one was shown replaces it.
/// Pressing q or Esc in a window stops the run, as Ctrl-C does.
/// </summary>
public sealed class WindowViewer : IDisposable
{
    private readonly Mat?[] _newest;
    private readonly IReadOnlyList<string> _titles;
    private readonly Action _stop;
    private readonly Thread _thread;
    private volatile bool _closing;

    private WindowViewer(IReadOnlyList<string> sources, Action stop)
    {
        _newest = new Mat?[sources.Count];
        _titles = sources.Select((s, i) => $"vision live: source {i} ({s})").ToList();
        _stop = stop;
        _thread = new Thread(Run) { Name = "vision-show", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Whether this process can open windows: an X11 or Wayland display on Linux; always elsewhere.</summary>
    public static bool DisplayExists => !OperatingSystem.IsLinux()
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));

    /// <summary>The viewer, or null (with <paramref name="notice"/> told why) when there is no display.</summary>
    public static WindowViewer? Open(IReadOnlyList<string> sources, Action stop, Action<string> notice)
    {
        if (DisplayExists) return new WindowViewer(sources, stop);
        notice("--show: no display here (DISPLAY and WAYLAND_DISPLAY are not set); the run goes on without windows");
        return null;
    }

    /// <summary>Hands over a copy of the source's annotated frame.</summary>
    public void Show(int source, Mat annotated)
    {
        var copy = annotated.Clone();
        Interlocked.Exchange(ref _newest[source], copy)?.Dispose();
    }

    private void Run()
    {
        while (!_closing)
        {
            for (int i = 0; i < _newest.Length; i++)
            {
                using var frame = Interlocked.Exchange(ref _newest[i], null);
                if (frame is not null) Cv2.ImShow(_titles[i], frame);
            }
            int key = Cv2.WaitKey(15);
            if (key is 'q' or 27)
            {
                try { _stop(); }
                catch (ObjectDisposedException) { /* the run has ended already */ }
            }
        }
        Cv2.DestroyAllWindows();
    }

    public void Dispose()
    {
        _closing = true;
        _thread.Join();
        for (int i = 0; i < _newest.Length; i++) Interlocked.Exchange(ref _newest[i], null)?.Dispose();
    }
}
