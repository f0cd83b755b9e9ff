using System.Diagnostics;
using System.Runtime;
using VisionPipeline.Graph.Benchmarking;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Runs;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Sources;

namespace VisionPipeline.Benchmarking;

/// <summary>What a benchmark measures: how many images, in how many rounds.</summary>
public sealed record BenchmarkSettings
{
    /// <summary>Images to process, repeating the input as needed.</summary>
    public int Images { get; init; } = 500;

    /// <summary>Rounds of pipeline then floor; 0: rounds of about <see cref="RoundLength"/> at the warm-up's pace.</summary>
    public int Rounds { get; init; }

    /// <summary>A round's pipeline part, as the warm-up's pace predicts it: long enough that the idle tail at its end is
    /// small, short enough that the machine's drift hits both sides alike.</summary>
    public TimeSpan RoundLength { get; init; } = TimeSpan.FromSeconds(10);
}

/// <param name="Pipeline">All rounds as one run: images, wall time, per-image times, failures; node timings of all rounds.</param>
/// <param name="PipelineEngineTime">Time the pipeline's model calls spent in their engines (all workers together).</param>
/// <param name="PeakRssMegabytes">The first round's peak, before the floor's tensors have been in memory.</param>
/// <param name="Floor">The engine floor: the engine runs alone.</param>
/// <param name="CodecFloor">The engine+codec floor: the engine runs, a bare decode of each input and a bare encode of each written image.</param>
/// <param name="PerImage">Each distinct input image: how often it ran, and its mean milliseconds in the pipeline and in each floor.</param>
public sealed record BenchmarkResult(RunSummary Pipeline, FloorReplay Floor, FloorReplay CodecFloor, TimeSpan PipelineCpu, TimeSpan FloorCpu,
    double PeakRssMegabytes, IReadOnlyList<double> RoundRatios, IReadOnlyList<double> CodecRoundRatios, TimeSpan PipelineEngineTime,
    IReadOnlyList<ImageBreakdown> PerImage)
{
    /// <summary>Pipeline throughput ÷ engine floor throughput over all rounds.</summary>
    public double Ratio => RatioOf(Floor.Wall, Pipeline.Wall);

    /// <summary>Pipeline throughput ÷ engine+codec floor throughput over all rounds.</summary>
    public double CodecRatio => RatioOf(CodecFloor.Wall, Pipeline.Wall);

    public RatioSpread Spread => RatioSpread.Of(Ratio, RoundRatios);

    public RatioSpread CodecSpread => RatioSpread.Of(CodecRatio, CodecRoundRatios);

    internal static double RatioOf(TimeSpan floor, TimeSpan pipeline) => pipeline.TotalSeconds > 0 ? floor.TotalSeconds / pipeline.TotalSeconds : 0;
}

/// <param name="PipelineMilliseconds">Read to written on its worker, mean over its runs.</param>
/// <param name="FloorMilliseconds">Its engine runs replayed, mean over its runs.</param>
/// <param name="CodecFloorMilliseconds">Its input decoded, engine runs replayed and written images encoded, mean over its runs.</param>
public sealed record ImageBreakdown(string Image, int Runs, double PipelineMilliseconds, double FloorMilliseconds, double CodecFloorMilliseconds);

/// <summary>
/// `vision bench`: a whole pipeline over images next to its engine floor — the same engine runs replayed on
/// pre-made tensors with the same threads and sessions — and its engine+codec floor — the same plus a bare decode of
/// each input and a bare encode of each image written — in one process, so the ratios mean something. After a
/// warm-up, the images go in a few rounds, each the pipeline on its share and then both floors replaying that
/// share's work. A shared machine's speed drifts over minutes; alternating puts both under the same drift,
/// where one long pipeline run followed by one long replay did not (two runs of the default pipeline gave ratios
/// of 0.95 and 0.87).
/// </summary>
internal static class PipelineBenchmark
{
    private const int WarmUpImages = 40;

    public static BenchmarkResult Run(PipelineGraph graph, RunOptions options, IReadOnlyList<InputFile> files, BenchmarkSettings settings,
        IProgress<RunProgress> progress)
    {
        int count = settings.Images;
        var items = Enumerable.Range(0, count).Select(i => new GraphRunner.WorkItem(i, files[i % files.Count])).ToList();
        var scratch = Path.Combine(Path.GetTempPath(), "vision-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var recorder = EngineRecorder.Attach(graph.Models);
            var layout = new OutputLayout(Path.Combine(scratch, "output")) { ImageWritten = recorder.ImageWritten };
            using var codecs = new CodecReplay(Path.Combine(scratch, "codec-floor"));
            // Warm-up (engine initialisation, first allocations, the JIT), not counted: each distinct input at least
            // once, keeping the first real input of every model and shape for the floor; and at least 40 images, as
            // the JIT recompiles a method optimised only after its 30th call (a once-per-image method: image 30).
            var samples = recorder.Samples = new ModelInputSamples(Path.Combine(scratch, "floor-inputs"));
            int warmUp = Math.Min(count, Math.Clamp(files.Count, WarmUpImages, 50));
            var warm = new GraphRunner(graph, layout, options with { Observer = recorder }).Run(items.Take(warmUp).ToList());
            recorder.Samples = null;
            recorder.TakeRuns();
            var perImage = warm.Wall / warmUp;
            SettleJit(graph, layout, options with { Observer = recorder }, recorder, items, perImage, samples, codecs);
            int rounds = settings.Rounds > 0 ? settings.Rounds : (int)Math.Round(perImage * count / settings.RoundLength);
            return Rounds(graph, layout, options with { Observer = recorder }, recorder, items, Math.Clamp(rounds, 1, count), samples, codecs, progress);
        }
        finally
        {
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The JIT goes on recompiling hot methods with full optimisation in the background for a while after their 30th
    /// call, and the floors' own code has not run yet: a first round measured during that read 0.76 where the next
    /// ones read 0.93–1.01 (faces). So the warm-up goes on in chunks of about a second of pipeline, each followed by
    /// both floors, until a whole chunk compiles no new method (at most <see cref="MaxSettlingChunks"/>).
    /// </summary>
    private static void SettleJit(PipelineGraph graph, OutputLayout layout, RunOptions options, EngineRecorder recorder,
        IReadOnlyList<GraphRunner.WorkItem> items, TimeSpan perImage, ModelInputSamples samples, CodecReplay codecs)
    {
        int workers = options.EffectiveWorkers;
        int size = Math.Clamp((int)Math.Round(1.0 / Math.Max(perImage.TotalSeconds, 1e-4)), 2 * workers, 50);
        var chunk = items.Take(Math.Min(items.Count, size)).ToList();
        for (int i = 0; i < MaxSettlingChunks; i++)
        {
            long before = JitInfo.GetCompiledMethodCount();
            var run = new GraphRunner(graph, layout, options).Run(chunk);
            var runs = recorder.TakeRuns();
            EngineFloor.Replay(runs, run.Workers, samples);
            EngineFloor.Replay(runs, run.Workers, samples, codecs);
            Thread.Sleep(TieringDelay); // the JIT starts recompiling once no new method has been compiled for 100 ms
            if (JitInfo.GetCompiledMethodCount() == before) return;
        }
    }

    private const int MaxSettlingChunks = 8;
    private static readonly TimeSpan TieringDelay = TimeSpan.FromMilliseconds(250);

    private static BenchmarkResult Rounds(PipelineGraph graph, OutputLayout layout, RunOptions options, EngineRecorder recorder,
        IReadOnlyList<GraphRunner.WorkItem> items, int rounds, ModelInputSamples samples, CodecReplay codecs, IProgress<RunProgress> progress)
    {
        var pipelineWall = TimeSpan.Zero;
        var floor = FloorReplay.None;
        var codecFloor = FloorReplay.None;
        var codecRatios = new List<double>();
        var pipelineCpu = TimeSpan.Zero;
        var floorCpu = TimeSpan.Zero;
        var ratios = new List<double>();
        var imageTimes = new List<double>();
        var pipelineByImage = new List<(string Image, double Milliseconds)>();
        var failures = new List<(string, string)>();
        RunSummary? last = null;
        int processed = 0;
        double peak = 0;
        var engineTime = TimeSpan.Zero;
        for (int round = 0; round < rounds; round++)
        {
            int from = items.Count * round / rounds, to = items.Count * (round + 1) / rounds;
            var share = items.Skip(from).Take(to - from).ToList();
            var engineBefore = graph.Models.EngineTime;
            var cpuBefore = ProcessorTime();
            var run = new GraphRunner(graph, layout, options with { KeepNodeTimings = round > 0 })
                .Run(share, new Offset(progress, processed));
            var cpuAfterPipeline = ProcessorTime();
            engineTime += graph.Models.EngineTime - engineBefore;
            if (round == 0) peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
            var runs = recorder.TakeRuns();
            var replay = EngineFloor.Replay(runs, run.Workers, samples);
            pipelineCpu += cpuAfterPipeline - cpuBefore;
            floorCpu += ProcessorTime() - cpuAfterPipeline;
            var codecReplay = EngineFloor.Replay(runs, run.Workers, samples, codecs);

            pipelineWall += run.Wall;
            floor += replay;
            codecFloor += codecReplay;
            ratios.Add(BenchmarkResult.RatioOf(replay.Wall, run.Wall));
            codecRatios.Add(BenchmarkResult.RatioOf(codecReplay.Wall, run.Wall));
            imageTimes.AddRange(run.ImageMilliseconds);
            pipelineByImage.AddRange(share.Select(s => s.File.FullPath).Zip(run.ImageMilliseconds));
            failures.AddRange(run.Failures);
            processed += run.Processed;
            last = run;
        }
        var all = last! with
        {
            Total = items.Count, Processed = processed, Wall = pipelineWall, Failures = failures, ImageMilliseconds = imageTimes,
        };
        return new BenchmarkResult(all, floor, codecFloor, pipelineCpu, floorCpu, peak, ratios, codecRatios, engineTime,
            PerImage(items, pipelineByImage, floor.Images, codecFloor.Images));
    }

    private static List<ImageBreakdown> PerImage(IReadOnlyList<GraphRunner.WorkItem> items, List<(string Image, double Milliseconds)> pipeline,
        IReadOnlyList<(string Image, double Milliseconds)> floor, IReadOnlyList<(string Image, double Milliseconds)> codecFloor)
    {
        var shown = items.GroupBy(i => i.File.FullPath).ToDictionary(g => g.Key, g => g.First().File.RelativePath, StringComparer.Ordinal);
        var floorMean = MeanByImage(floor);
        var codecMean = MeanByImage(codecFloor);
        return pipeline.GroupBy(p => p.Image)
            .Select(g => new ImageBreakdown(shown.GetValueOrDefault(g.Key, g.Key), g.Count(), g.Average(p => p.Milliseconds),
                floorMean.GetValueOrDefault(g.Key), codecMean.GetValueOrDefault(g.Key)))
            .OrderByDescending(b => b.PipelineMilliseconds)
            .ToList();
    }

    private static Dictionary<string, double> MeanByImage(IReadOnlyList<(string Image, double Milliseconds)> times) =>
        times.GroupBy(f => f.Image).ToDictionary(g => g.Key, g => g.Average(f => f.Milliseconds), StringComparer.Ordinal);

    private static TimeSpan ProcessorTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Reports a round's progress as progress of the whole run.</summary>
    private sealed class Offset(IProgress<RunProgress> inner, int before) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => inner.Report(value with { Done = value.Done + before });
    }
}
