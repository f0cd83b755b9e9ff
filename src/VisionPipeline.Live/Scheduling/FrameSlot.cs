namespace VisionPipeline.Live.Scheduling;

/// <summary>
/// The one place between a source's reader and its processing loop. Newest-frame-wins (cameras, streams, files with
/// --realtime): a frame put while another waits replaces it, and the older one is disposed and counted as dropped,
/// so the pipeline always takes the newest frame and nothing queues up. Lossless (files read frame by frame): the
/// reader waits until the slot is empty, so no frame is dropped.
/// </summary>
public sealed class FrameSlot(bool lossless) : IDisposable
{
    private readonly object _gate = new();
    private GrabbedFrame? _waiting;
    private bool _completed;
    private long _dropped;

    /// <summary>Frames replaced by a newer one before the pipeline could take them.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Hands a frame over; false when the slot is completed or <paramref name="cancel"/> fires first (the
    /// frame is then disposed).</summary>
    public bool Put(GrabbedFrame frame, CancellationToken cancel)
    {
        using var wake = cancel.Register(Wake);
        lock (_gate)
        {
            while (lossless && _waiting is not null && !_completed && !cancel.IsCancellationRequested) Monitor.Wait(_gate);
            if (_completed || cancel.IsCancellationRequested)
            {
                frame.Dispose();
                return false;
            }
            if (_waiting is not null)
            {
                _waiting.Dispose();
                Interlocked.Increment(ref _dropped);
            }
            _waiting = frame;
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    /// <summary>Waits for the next frame; null once the slot is completed and empty, or on <paramref name="cancel"/>.</summary>
    public GrabbedFrame? Take(CancellationToken cancel)
    {
        using var wake = cancel.Register(Wake);
        lock (_gate)
        {
            while (_waiting is null && !_completed && !cancel.IsCancellationRequested) Monitor.Wait(_gate);
            if (cancel.IsCancellationRequested) return null;
            var frame = _waiting;
            _waiting = null;
            Monitor.PulseAll(_gate);
            return frame;
        }
    }

    /// <summary>No more frames will come: the taker gets the one waiting, then null.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    private void Wake()
    {
        lock (_gate) Monitor.PulseAll(_gate);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _completed = true;
            _waiting?.Dispose();
            _waiting = null;
            Monitor.PulseAll(_gate);
        }
    }
}
