using System.Diagnostics;
using VisionPipeline.Core.Errors;
using VisionPipeline.Graph.Output;
using VisionPipeline.Live.Output;
using VisionPipeline.Live.Scheduling;
using VisionPipeline.Live.Sources;
using VisionPipeline.Live.Statistics;
using VisionPipeline.Live.Viewer;

namespace VisionPipeline.Live;

/// <summary>
/// A live run: every source opened first (a source that cannot be opened stops the run before anything is written),
/// then per source a reader thread and a processing loop joined by a <see cref="FrameSlot"/>. The sources share the
/// pipeline and its models; each source's frames are processed in order, one at a time, so the newest frame is the
/// one processed next. Notices (a stream that ended, stalled or came back, a frame that failed) go to
/// <c>notice</c> as one line each.
/// </summary>
public sealed class LiveSession(Pipeline pipeline, LiveSettings settings, Action<string> notice)
{
    /// <exception cref="ConfigurationException">a source cannot be opened, or an output cannot be written</exception>
    public LiveSummary Run(IReadOnlyList<SourceAddress> addresses, CancellationToken cancel)
    {
        var sources = OpenAll(addresses);
        var channels = new List<SourceChannel>();
        FrameLineFile? json = null;
        ViewerFeed? feed = null;
        ViewerServer? server = null;
        WindowViewer? window = null;
        SourceChannel[] running = []; // what /stats reads, once every channel is built
        long start = Stopwatch.GetTimestamp();
        try
        {
            var layout = settings.OutputDirectory is null ? null : OutputFolder.Prepare(settings.OutputDirectory);
            json = settings.JsonFile is null ? null : OpenJson(settings.JsonFile);
            if (settings.Serve is { } serve)
            {
                feed = new ViewerFeed(addresses.Select(a => a.Text).ToList(), () => Volatile.Read(ref running).Select(c => c.Stats(Stopwatch.GetElapsedTime(start))).ToList());
                server = ViewerServer.Start(serve, feed);
                notice($"viewer at {serve.Url}");
            }
            using var duration = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            if (settings.Duration is { } limit) duration.CancelAfter(limit);
            if (settings.Show) window = WindowViewer.Open(addresses.Select(a => a.Text).ToList(), duration.Cancel, notice);
            foreach (var source in sources)
                channels.Add(new SourceChannel(source, settings, RecordPath(source.Address, sources.Count), layout, json, feed, window, pipeline, notice));

            Volatile.Write(ref running, channels.ToArray());
            start = Stopwatch.GetTimestamp();
            var threads = channels.SelectMany(c => c.Start(start, duration.Token)).ToList();
            foreach (var thread in threads) thread.Join();
            var wall = Stopwatch.GetElapsedTime(start);

            foreach (var channel in channels) channel.Complete();
            json?.Complete();
            double processing = channels.Sum(c => c.Counters.ProcessingMilliseconds);
            double engines = pipeline.Graph.Models.EngineTime.TotalMilliseconds;
            return new LiveSummary(channels.Select(c => c.Summarize(wall)).ToList(), processing > 0 ? Math.Min(1, engines / processing) : 0,
                wall, cancel.IsCancellationRequested);
        }
        finally
        {
            server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            window?.Dispose();
            feed?.Dispose();
            foreach (var channel in channels) channel.Dispose();
            json?.Dispose();
            foreach (var source in sources.Where(s => channels.All(c => c.Source != s))) source.Dispose();
        }
    }

    /// <summary>Opens every source at once, so that a run with several waits at most one open time-out.</summary>
    private List<IFrameSource> OpenAll(IReadOnlyList<SourceAddress> addresses)
    {
        var opening = addresses.Select(a => Task.Run(() => FrameSources.Open(a, settings.Readers.OpenTimeout, settings.Readers.ReadTimeout))).ToArray();
        try
        {
            Task.WaitAll(opening);
        }
        catch (AggregateException)
        {
            foreach (var task in opening.Where(t => t.IsCompletedSuccessfully)) task.Result.Dispose();
            var first = opening.First(t => t.IsFaulted).Exception!.InnerException!;
            throw first is VisionException ? first : new ConfigurationException(null, first.Message, inner: first);
        }
        return opening.Select(t => t.Result).ToList();
    }

    private static FrameLineFile OpenJson(string path)
    {
        try
        {
            return new FrameLineFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(path, $"cannot write --save-json: {e.Message}");
        }
    }

    private string? RecordPath(SourceAddress source, int count)
    {
        if (settings.RecordFile is not { } file) return null;
        if (count == 1) return file;
        var folder = Path.GetDirectoryName(file);
        return Path.Combine(string.IsNullOrEmpty(folder) ? "." : folder, $"{Path.GetFileNameWithoutExtension(file)}-{source.Position}.mp4");
    }
}
