using System.Diagnostics;

namespace VisionPipeline.Live.Scheduling;

/// <summary>
/// Thins a source on purpose: --every N keeps one grabbed frame in N, --max-fps F at most F frames a second (by grab
/// time). Frames thinned out are counted apart from the ones the pipeline was too busy to take (dropped).
/// </summary>
public sealed class FrameThinning(int every, double maxFps)
{
    private readonly long _minInterval = maxFps > 0 ? (long)(Stopwatch.Frequency / maxFps) : 0;
    private long _lastKept = long.MinValue;

    public bool Keep(long index, long grabbedAt)
    {
        if (every > 1 && index % every != 0) return false;
        if (_minInterval > 0 && _lastKept != long.MinValue && grabbedAt - _lastKept < _minInterval) return false;
        _lastKept = grabbedAt;
        return true;
    }
}
