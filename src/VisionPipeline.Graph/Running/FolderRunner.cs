using System.Diagnostics;
using OpenCvSharp;
using VisionPipeline.Core.Results;
using VisionPipeline.Graph.Pipelines;
using VisionPipeline.Graph.Sinks;
using VisionPipeline.Graph.Sources;

namespace VisionPipeline.Graph.Running;

/// <summary>
/// Runs a pipeline over a list of images with a fixed number of workers. At most 2 × workers images are in
/// flight, so memory does not grow with the number of images; results.jsonl receives them in input order.
/// A file that fails gets an error row and the run goes on.
/// </summary>
public sealed class FolderRunner(Pipeline pipeline, OutputLayout layout, RunOptions options)
{
    public RunSummary Run(IReadOnlyList<InputFile> files, IProgress<RunProgress>? progress = null, CancellationToken cancel = default)
    {
        int workers = options.EffectiveWorkers;
        var outputs = new ImageOutputs(layout, pipeline.Nodes.Select(n => n.Id).ToArray(), options.WriteAnnotated);
        var failures = new List<(string, string)>();
        var pending = new Dictionary<int, ImageRecord>();
        var gate = new object();
        using var window = new SemaphoreSlim(2 * workers);
        int nextToTake = 0, nextToWrite = 0;
        var clock = Stopwatch.StartNew();

        using (var results = new ResultsFile(layout.ResultsPath))
        {
            void Complete(int index, ImageRecord record)
            {
                lock (gate)
                {
                    pending[index] = record;
                    while (pending.Remove(nextToWrite, out var next))
                    {
                        results.Write(next);
                        if (next.Error is not null) failures.Add((next.Image, next.Error));
                        nextToWrite++;
                        window.Release();
                        progress?.Report(new RunProgress(nextToWrite, files.Count, failures.Count));
                    }
                }
            }

            void Work()
            {
                while (!cancel.IsCancellationRequested)
                {
                    try { window.Wait(cancel); }
                    catch (OperationCanceledException) { return; }
                    int index = Interlocked.Increment(ref nextToTake) - 1;
                    if (index >= files.Count)
                    {
                        window.Release();
                        return;
                    }
                    Complete(index, Process(files[index], index, outputs));
                }
            }

            var tasks = Enumerable.Range(0, workers).Select(_ => Task.Factory.StartNew(Work, TaskCreationOptions.LongRunning)).ToArray();
            Task.WaitAll(tasks);
            results.Complete();
        }

        return new RunSummary
        {
            Total = files.Count,
            Processed = nextToWrite,
            Failures = failures,
            Wall = clock.Elapsed,
            Workers = workers,
            Models = pipeline.Models.Sessions
                .Select(s => new ModelTiming(s.Id, s.Engine.EngineName, s.Runs, s.TotalTime)).ToArray(),
            Nodes = pipeline.NodeTimes,
            Cancelled = cancel.IsCancellationRequested,
        };
    }

    private ImageRecord Process(InputFile file, int index, ImageOutputs outputs)
    {
        try
        {
            using var frame = ImageFileDecoder.Decode(file, index);
            var exif = ExifReader.Read(file.FullPath);
            using var targets = pipeline.Process(frame);
            return outputs.Write(frame, targets, exif);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var message = e switch
            {
                Core.Errors.VisionException v => v.Message,
                OpenCVException cv => $"{file.RelativePath}: OpenCV error in {cv.FuncName}: {cv.ErrMsg}",
                _ => $"{file.RelativePath}: {e.GetType().Name}: {e.Message}",
            };
            return new ImageRecord { Image = file.RelativePath, Error = message.ReplaceLineEndings(" ") };
        }
    }
}
