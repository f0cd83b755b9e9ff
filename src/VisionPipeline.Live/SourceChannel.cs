using System.Diagnostics;
using VisionPipeline.Graph.Drawing;
using VisionPipeline.Graph.Output;
using VisionPipeline.Live.Counting;
using VisionPipeline.Live.Output;
using VisionPipeline.Live.Scheduling;
using VisionPipeline.Live.Sources;
using VisionPipeline.Live.Statistics;
using VisionPipeline.Live.Tracking;
using VisionPipeline.Live.Viewer;

namespace VisionPipeline.Live;

/// <summary>
/// One source's path through a live run: its reader thread, the newest-frame-wins slot, and the processing loop that
/// takes a frame, runs the pipeline on it (file sinks under source-I/ when there is an output folder), records the
/// annotated frame, writes its JSON line and measures its latency. With tracking, the source has its own tracker and
/// counter (ids and counts are per source).
/// </summary>
internal sealed class SourceChannel : IDisposable
{
    private readonly LiveSettings _settings;
    private readonly OutputLayout? _layout;
    private readonly FrameLineFile? _json;
    private readonly ViewerFeed? _viewer;
    private readonly WindowViewer? _window;
    private readonly Pipeline _pipeline;
    private readonly Action<string> _notice;
    private readonly FrameSlot _slot;
    private readonly VideoRecorder? _recorder;
    private readonly IReadOnlyList<string> _nodeOrder;
    private readonly ByteTracker? _tracker;
    private readonly TrackCounter _counter;
    private CancellationTokenSource? _own;
    private Exception? _failure;

    public SourceChannel(IFrameSource source, LiveSettings settings, string? recordPath, OutputLayout? layout, FrameLineFile? json,
        ViewerFeed? viewer, WindowViewer? window, Pipeline pipeline, Action<string> notice)
    {
        _viewer = viewer;
        _window = window;
        Source = source;
        _settings = settings;
        _layout = layout;
        _json = json;
        _pipeline = pipeline;
        _notice = notice;
        _slot = new FrameSlot(lossless: source.Address.IsFile && !settings.Readers.Realtime);
        _nodeOrder = pipeline.Graph.Nodes.Select(n => n.Id).ToList();
        _tracker = settings.Tracking ? new ByteTracker(settings.Tracker) : null;
        _counter = new TrackCounter(settings.Lines.Select((l, i) => new CountingLine(i, l[0], l[1])).ToList(),
            settings.Zones.Select((z, i) => new CountingZone(i, z)).ToList());
        if (recordPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(recordPath))!);
            _recorder = new VideoRecorder(recordPath, source.Fps);
        }
    }

    public IFrameSource Source { get; }
    public SourceCounters Counters { get; } = new();

    /// <summary>Starts the reader and the processing loop; both end when the source ends, its --max-frames is reached,
    /// or <paramref name="stop"/> fires.</summary>
    public IEnumerable<Thread> Start(long runStart, CancellationToken stop)
    {
        var own = _own = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var reader = new SourceReader(Source, _slot, Counters, _settings.Readers, runStart, _notice);
        var name = $"source {Source.Address.Position} ({Source.Address.Text})";
        var threads = new[]
        {
            new Thread(() => reader.Run(own.Token)) { Name = $"vision-read-{Source.Address.Position}", IsBackground = true },
            new Thread(() =>
            {
                try { Process(own); }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    _failure = e;
                    _notice($"{name}: stopped: {e.Message.ReplaceLineEndings(" ")}");
                    own.Cancel();
                }
            }) { Name = $"vision-live-{Source.Address.Position}", IsBackground = true },
        };
        foreach (var thread in threads) thread.Start();
        return threads;
    }

    private void Process(CancellationTokenSource own)
    {
        var address = Source.Address;
        while (_slot.Take(own.Token) is { } frame)
        {
            using (frame)
            {
                long started = Stopwatch.GetTimestamp();
                var name = $"{address.Folder}/frame-{frame.Index:D6}.jpg";
                using var result = _pipeline.ProcessFrame(frame.Image, name, frame.Index, _layout);
                var tracks = _tracker?.Update(result.Detections);
                if (_tracker is not null && !_counter.IsEmpty) _counter.Observe(_tracker, frame.TimestampMs);
                var counts = _counter.IsEmpty ? null : _counter.Snapshot();
                double processing = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                bool watched = _viewer?.Watched(address.Position) == true;
                if (_recorder is not null || watched || _window is not null)
                {
                    using var annotated = Annotator.Draw(frame.Image, result.Detections, result.Masks, _nodeOrder, textPanel: false);
                    if (tracks is not null) TrackOverlay.Draw(annotated, result.Detections, tracks, _counter, counts);
                    _recorder?.Write(annotated);
                    if (watched) _viewer!.PublishFrame(address.Position, annotated);
                    _window?.Show(address.Position, annotated);
                }
                if (result.Error is { } error) _notice($"source {address.Position} ({address.Text}): frame {frame.Index}: {error}");
                double latency = Stopwatch.GetElapsedTime(frame.GrabbedAt).TotalMilliseconds;
                if (_json is not null || _viewer is not null)
                {
                    var line = FrameLine.From(address.Text, frame.Index, frame.TimestampMs, latency, processing, result.ToRecord(), tracks,
                        counts).ToJson();
                    _json?.Write(line);
                    _viewer?.PublishLine(line);
                }
                Counters.FrameProcessed(result.Error is not null, processing, latency);
            }
            if (_settings.MaxFrames > 0 && Counters.Processed >= _settings.MaxFrames)
            {
                own.Cancel();
                return;
            }
        }
    }

    /// <summary>After both threads ended: closes the recording (it takes its final name).</summary>
    public void Complete()
    {
        if (_failure is not null) throw _failure;
        _recorder?.Complete();
    }

    /// <summary>The figures so far, for the viewer's /stats (read while the loops run: a frame's worth of skew at most).</summary>
    public SourceStats Stats(TimeSpan elapsed)
    {
        var c = Counters;
        return new SourceStats(Source.Address.Text, elapsed.TotalSeconds > 0 ? Math.Round(c.Processed / elapsed.TotalSeconds, 2) : 0,
            Math.Round(c.Latency.Percentile(0.5), 2), Math.Round(c.Latency.Percentile(0.95), 2), c.Read, c.Processed, _slot.Dropped);
    }

    public SourceSummary Summarize(TimeSpan wall)
    {
        var c = Counters;
        return new SourceSummary(Source.Address, c.Read, c.Processed, _slot.Dropped, c.Thinned, c.Corrupt, c.Failed, c.Interruptions,
            c.Reconnects, wall.TotalSeconds > 0 ? c.Processed / wall.TotalSeconds : 0, c.Processed > 0 ? c.ProcessingMilliseconds / c.Processed : 0,
            c.Latency.Percentile(0.5), c.Latency.Percentile(0.95), c.Latency.Max);
    }

    public void Dispose()
    {
        _slot.Dispose();
        _recorder?.Dispose();
        if (_own is null) Source.Dispose(); // a started reader disposes it
        _own?.Dispose();
    }
}
