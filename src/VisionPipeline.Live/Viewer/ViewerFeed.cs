using System.Threading.Channels;
using OpenCvSharp;

namespace VisionPipeline.Live.Viewer;

/// <summary>One source's figures as GET /stats gives them.</summary>
public sealed record SourceStats(string Source, double Fps, double LatencyMsP50, double LatencyMsP95, long FramesRead, long FramesProcessed, long FramesDropped);

/// <summary>
/// What the processing loops hand the viewer: each source's newest annotated frame as JPEG (a viewer that falls behind
/// gets the newest one, never a backlog) and the per-frame JSON lines for the event stream (each listener holds at
/// most <see cref="EventBacklog"/>; a slow one loses the oldest).
/// </summary>
public sealed class ViewerFeed(IReadOnlyList<string> sources, Func<IReadOnlyList<SourceStats>> stats) : IDisposable
{
    public const int EventBacklog = 32;
    private readonly SourceFrames[] _frames = sources.Select(_ => new SourceFrames()).ToArray();

    /// <summary>The sources as given on the command line, in order.</summary>
    public IReadOnlyList<string> Names { get; } = sources;
    private readonly List<Channel<string>> _listeners = [];
    private readonly CancellationTokenSource _closing = new();

    public int Sources => _frames.Length;

    /// <summary>Fires when the run ends: open streams finish.</summary>
    public CancellationToken Closing => _closing.Token;

    public IReadOnlyList<SourceStats> Stats() => stats();

    /// <summary>Whether anyone watches the source's video (frames are encoded only then).</summary>
    public bool Watched(int source) => Volatile.Read(ref _frames[source].Watchers) > 0;

    public void PublishFrame(int source, Mat annotated)
    {
        Cv2.ImEncode(".jpg", annotated, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 80));
        _frames[source].Publish(jpeg);
    }

    public void PublishLine(string json)
    {
        lock (_listeners)
            foreach (var listener in _listeners) listener.Writer.TryWrite(json);
    }

    /// <summary>Waits for a frame of the source newer than <paramref name="seen"/>; while waiting the source counts as watched.</summary>
    public async Task<(long Sequence, byte[] Jpeg)> NextFrame(int source, long seen, CancellationToken cancel)
    {
        var frames = _frames[source];
        while (true)
        {
            Task changed;
            lock (frames)
            {
                if (frames.Sequence > seen && frames.Jpeg is { } jpeg) return (frames.Sequence, jpeg);
                changed = frames.Changed.Task;
            }
            await changed.WaitAsync(cancel);
        }
    }

    public IDisposable Watch(int source)
    {
        Interlocked.Increment(ref _frames[source].Watchers);
        return new Release(() => Interlocked.Decrement(ref _frames[source].Watchers));
    }

    /// <summary>A listener of the per-frame JSON lines; dispose it to stop listening.</summary>
    public (ChannelReader<string> Lines, IDisposable Stop) Listen()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(EventBacklog) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_listeners) _listeners.Add(channel);
        return (channel.Reader, new Release(() =>
        {
            lock (_listeners) _listeners.Remove(channel);
            channel.Writer.TryComplete();
        }));
    }

    public void Close()
    {
        _closing.Cancel();
        lock (_listeners)
            foreach (var listener in _listeners) listener.Writer.TryComplete();
    }

    public void Dispose()
    {
        Close();
        _closing.Dispose();
    }

    private sealed class SourceFrames
    {
        public int Watchers;
        public long Sequence;
        public byte[]? Jpeg;
        public TaskCompletionSource Changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Publish(byte[] jpeg)
        {
            TaskCompletionSource old;
            lock (this)
            {
                Jpeg = jpeg;
                Sequence++;
                old = Changed;
                Changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            old.TrySetResult();
        }
    }

    private sealed class Release(Action release) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) release();
        }
    }
}
