using System.Diagnostics;
using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.IO;
using VisionPipeline.Core.Results;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Sources;

namespace VisionPipeline.Graph.Runs;


/// <summary>
/// Runs a pipeline graph over images with a fixed number of workers. Each worker holds one decoded image at a
/// time, and at most <see cref="RunOptions.PendingRecords"/> finished records wait for an earlier, slower image
/// before they are written, so memory does not grow with the number of images. Record sinks receive the images in
/// input order, so the output is the same whatever the worker count. A writer thread takes the images in that
/// order, puts the image files their sinks wrote in place (encoding those the workers handed over unencoded, see
/// <see cref="ImageFileHandOff"/>, and flushing each to disk) and then writes their records, so a record never names
/// a file that is not whole on disk. A file that fails gets an error row and the run goes on.
/// </summary>
public sealed class GraphRunner(PipelineGraph graph, OutputLayout layout, RunOptions options)
{
    public sealed record WorkItem(long Index, InputFile File);

    /// <summary>Every file with its position in the whole list, restricted to the shard when there is one.</summary>
    public static IReadOnlyList<WorkItem> Plan(IReadOnlyList<InputFile> files, Shard? shard) =>
        files.Select((f, i) => new WorkItem(i, f)).Where(w => shard is null || shard.Contains(w.File.RelativePath)).ToList();

    public RunSummary Run(IReadOnlyList<WorkItem> items, IProgress<RunProgress>? progress = null, CancellationToken cancel = default)
    {
        var previous = options.Resume ? PreviousRecords() : new Dictionary<string, ImageRecord>();
        using var sinks = graph.OpenRecordSinks(layout);
        if (!options.KeepNodeTimings) graph.ResetTimings();
        var imageTimes = new double[items.Count];
        var processed = new bool[items.Count];
        int workers = options.EffectiveWorkers;
        var failures = new List<(string, string)>();
        var pending = new Dictionary<int, Processed>();
        var gate = new object();
        // A slow image (a page of text) must not stall the other workers: they go on while its successors' records
        // wait, small, in the reorder buffer.
        using var window = new SemaphoreSlim(workers + options.PendingRecords);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        // Images whose turn has come, in input order, for the writer thread: it puts their files in place (flushing
        // them to disk, which waits for the disk, not the processor) and then writes their records, while the
        // workers go on with the next images.
        using var inOrder = new System.Collections.Concurrent.BlockingCollection<(int Position, Processed Result)>();
        var handOff = new ImageFileHandOff(workers);
        Exception? fatal = null;
        int nextToTake = 0, nextToHandOver = 0, nextToWrite = 0, resumed = 0;
        var clock = Stopwatch.StartNew();

        void Fail(Exception e)
        {
            lock (gate) fatal ??= e;
            stop.Cancel();
        }

        void Complete(int position, Processed result)
        {
            lock (gate)
            {
                pending[position] = result;
                while (fatal is null && pending.Remove(nextToHandOver, out var next))
                    inOrder.Add((nextToHandOver++, next));
            }
        }

        void Write()
        {
            Thread.CurrentThread.Name = "vision-writer";
            foreach (var (position, result) in inOrder.GetConsumingEnumerable())
            {
                if (Volatile.Read(ref fatal) is not null)
                {
                    result.Discard();
                    continue;
                }
                var record = result.Record;
                try
                {
                    record = result.Commit(items[position].File.RelativePath);
                    sinks.Write(items[position].Index, record);
                }
                catch (OutputFullException e)
                {
                    Fail(e);
                    continue;
                }
                catch (IOException e) when (OutputFullException.Describe(e) is { } full)
                {
                    Fail(new OutputFullException(layout.ResultsPath, full, e));
                    continue;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Fail(new VisionException(layout.Directory, $"cannot write the results: {e.Message}", inner: e));
                    continue;
                }
                catch (Exception e)
                {
                    Fail(e); // stops the workers, which would otherwise wait for this thread forever
                    continue;
                }
                if (record.Error is not null) failures.Add((record.Image, record.Error));
                nextToWrite++;
                window.Release();
                progress?.Report(new RunProgress(nextToWrite, items.Count, failures.Count));
            }
        }

        void Work(int worker)
        {
            Thread.CurrentThread.Name = "vision-worker";
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    try { window.Wait(stop.Token); }
                    catch (OperationCanceledException) { return; }
                    int position = Interlocked.Increment(ref nextToTake) - 1;
                    if (position >= items.Count) return;
                    var item = items[position];
                    if (previous.TryGetValue(item.File.RelativePath, out var done))
                    {
                        Interlocked.Increment(ref resumed);
                        Complete(position, new Processed(done, []));
                    }
                    else
                    {
                        long start = Stopwatch.GetTimestamp();
                        options.Observer?.ImageStarted(position, item.File, worker);
                        var result = Process(item, handOff);
                        options.Observer?.ImageFinished(position);
                        processed[position] = true;
                        imageTimes[position] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                        Complete(position, result);
                    }
                }
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }

        var writer = Task.Factory.StartNew(Write, TaskCreationOptions.LongRunning);
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Factory.StartNew(() => Work(w), TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(tasks);
        inOrder.CompleteAdding();
        writer.Wait();
        foreach (var left in pending.Values) left.Discard(); // after a fatal error: images that never had their turn
        if (fatal is OutputFullException full)
            throw new OutputFullException(full.File!, $"{full.Problem}: the run stopped after {nextToWrite} of {items.Count} images; " +
                                                      "what it wrote is whole, so make room and run again with --resume", full);
        if (fatal is not null) throw fatal is VisionException ? fatal : new VisionException(layout.Directory, $"the run stopped: {fatal.Message}", inner: fatal);
        sinks.Complete();

        return new RunSummary
        {
            Total = items.Count,
            Processed = nextToWrite,
            Resumed = resumed,
            Failures = failures,
            Wall = clock.Elapsed,
            Workers = workers,
            Models = graph.Models.Sessions.GroupBy(s => s.Id)
                .Select(g =>
                {
                    long runs = g.Sum(s => s.Runs);
                    var engineRuns = g.First().Engine is Inference.Engines.BatchingEngine batching ? batching.EngineRuns : runs;
                    return new ModelTiming(g.Key, g.First().Engine.EngineName, runs, TimeSpan.FromTicks(g.Sum(s => s.TotalTime.Ticks)), engineRuns);
                })
                .ToArray(),
            Nodes = Profile(),
            Cancelled = cancel.IsCancellationRequested,
            ImageMilliseconds = imageTimes.Take(nextToWrite).Where((_, i) => processed[i]).ToArray(),
        };
    }

    /// <summary>An image's record and the files its sinks staged, which go in place before the record is written.</summary>
    private sealed record Processed(ImageRecord Record, List<IPendingFile> Files)
    {
        /// <summary>Puts the files in place (encoding those handed over unencoded); when one cannot be, the image fails with a
        /// line naming it (those not in place yet are deleted).</summary>
        /// <exception cref="OutputFullException">the disk is full: the run stops</exception>
        public ImageRecord Commit(string image)
        {
            try
            {
                foreach (var file in Files) file.Commit();
                return Record;
            }
            catch (Exception e) when (e is VisionException and not OutputFullException or OpenCVException)
            {
                return new ImageRecord { Image = image, Error = DescribeFailure(image, e) };
            }
            finally
            {
                Discard();
            }
        }

        /// <summary>Deletes the files not put in place.</summary>
        public void Discard() => GraphRunner.Discard(Files);
    }

    private static void Discard(IEnumerable<IPendingFile> files)
    {
        foreach (var file in files) file.Dispose();
    }

    private Processed Process(WorkItem item, ImageFileHandOff handOff)
    {
        var file = item.File;
        var staged = new List<IPendingFile>();
        try
        {
            long start = Stopwatch.GetTimestamp();
            var (frame, exif) = ImageFileDecoder.DecodeWithExif(file, item.Index);
            using var _ = frame;
            using var context = new FrameContext(frame, layout, (staged, handOff)) { ReadMilliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds };
            graph.Execute(context);
            return new Processed(graph.Records.Build(context, exif), staged);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OutputFullException))
        {
            Discard(staged);
            return new Processed(new ImageRecord { Image = file.RelativePath, Error = DescribeFailure(file.RelativePath, e) }, []);
        }
        catch
        {
            Discard(staged);
            throw;
        }
    }

    /// <summary>One line naming the image and what went wrong with it.</summary>
    public static string DescribeFailure(string image, Exception e)
    {
        var message = e switch
        {
            VisionException v when v.File == image => v.Message,
            VisionException v => $"{image}: {v.Message}",
            OpenCVException cv => $"{image}: OpenCV error in {cv.FuncName}: {cv.ErrMsg}",
            _ => $"{image}: {e.GetType().Name}: {e.Message}",
        };
        return message.ReplaceLineEndings(" ");
    }

    /// <summary>Records of a previous run of the same output folder: its results.jsonl, or the .partial a stopped run left.</summary>
    private Dictionary<string, ImageRecord> PreviousRecords()
    {
        var results = graph.ResultsRelativePath ?? throw new ConfigurationException(null, "--resume needs the pipeline to have a sink.jsonl");
        // Resumed images are replayed to every record sink from results.jsonl, so it must hold what they read.
        var missing = graph.Records.RecordedNodes.Where(n => !graph.ResultsNodes.Contains(n)).ToList();
        if (missing.Count > 0)
            throw new ConfigurationException(null,
                $"--resume needs sink.jsonl to list every node the other record sinks read (add: {string.Join(", ", missing)})");
        var path = layout.Full(results);
        var source = File.Exists(path + ".partial") ? path + ".partial" : path;
        var records = new Dictionary<string, ImageRecord>(StringComparer.Ordinal);
        if (!File.Exists(source)) return records;
        foreach (var line in File.ReadLines(source))
        {
            ImageRecord record;
            try { record = ResultJson.Deserialize(line); }
            catch (System.Text.Json.JsonException) { break; } // a line cut by a kill: everything after it is redone
            if (record.Error is null) records[record.Image] = record;
        }
        return records;
    }

    private IReadOnlyList<NodeTiming> Profile()
    {
        var timings = graph.NodeTimings;
        double total = timings.Values.Sum(t => t.Sum());
        return graph.Nodes.Select(n => (n.Id, n.Kind)).Concat(graph.RecordSinks.Select(s => (s.Id, s.Kind)))
            .Where(n => timings.ContainsKey(n.Id)).Select(n =>
            {
                var t = timings[n.Id];
                Array.Sort(t);
                return new NodeTiming(n.Id, n.Kind, t.Length, t.Average(), Percentiles.Of(t, 0.5), Percentiles.Of(t, 0.95), total > 0 ? t.Sum() / total : 0);
            }).ToList();
    }
}
