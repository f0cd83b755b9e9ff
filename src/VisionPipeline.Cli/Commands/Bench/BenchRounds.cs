using System.Diagnostics;
using VisionPipeline.Graph.Benchmarking;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Runs;

namespace VisionPipeline.Cli.Commands.Bench;

/// <summary>
/// The measured part of `vision bench`: the images in a few rounds, each the pipeline on its share and then the
/// engine floor replaying that share's engine runs. A shared machine's speed drifts over minutes; alternating
/// puts both under the same drift, where one long pipeline run followed by one long replay did not (two runs of
/// the default pipeline gave ratios of 0.95 and 0.87).
/// </summary>
internal static class BenchRounds
{
    /// <param name="Pipeline">All rounds as one run: images, wall time, per-image times, failures; node timings of all rounds.</param>
    /// <param name="PipelineEngineTime">Time the pipeline's model calls spent in their engines (all workers together).</param>
    /// <param name="PeakRssMegabytes">The first round's peak, before the floor's tensors have been in memory.</param>
    public sealed record Result(RunSummary Pipeline, FloorReplay Floor, TimeSpan PipelineCpu, TimeSpan FloorCpu,
        double PeakRssMegabytes, IReadOnlyList<double> RoundRatios, TimeSpan PipelineEngineTime);

    public static Result Run(PipelineGraph graph, OutputLayout layout, RunOptions options, IReadOnlyList<GraphRunner.WorkItem> items,
        int rounds, ModelInputSamples samples, IProgress<RunProgress> progress)
    {
        var pipelineWall = TimeSpan.Zero;
        var floor = FloorReplay.None;
        var pipelineCpu = TimeSpan.Zero;
        var floorCpu = TimeSpan.Zero;
        var ratios = new List<double>();
        var imageTimes = new List<double>();
        var failures = new List<(string, string)>();
        RunSummary? last = null;
        int processed = 0;
        double peak = 0;
        var engineTime = TimeSpan.Zero;
        for (int round = 0; round < rounds; round++)
        {
            int from = items.Count * round / rounds, to = items.Count * (round + 1) / rounds;
            var share = items.Skip(from).Take(to - from).ToList();
            var engineBefore = EngineTime(graph);
            var cpuBefore = ProcessorTime();
            var run = new GraphRunner(graph, layout, options with { KeepNodeTimings = round > 0 })
                .Run(share, new Offset(progress, processed));
            var cpuAfterPipeline = ProcessorTime();
            engineTime += EngineTime(graph) - engineBefore;
            if (round == 0) peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
            var replay = EngineFloor.Replay(run.EngineRuns, run.Workers, samples);
            pipelineCpu += cpuAfterPipeline - cpuBefore;
            floorCpu += ProcessorTime() - cpuAfterPipeline;

            pipelineWall += run.Wall;
            floor += replay;
            ratios.Add(run.Wall.TotalSeconds > 0 ? replay.Wall.TotalSeconds / run.Wall.TotalSeconds : 0);
            imageTimes.AddRange(run.ImageMilliseconds);
            failures.AddRange(run.Failures);
            processed += run.Processed;
            last = run;
        }
        var all = last! with
        {
            Total = items.Count, Processed = processed, Wall = pipelineWall, Failures = failures, ImageMilliseconds = imageTimes,
            EngineRuns = [],
        };
        return new Result(all, floor, pipelineCpu, floorCpu, peak, ratios, engineTime);
    }

    private static TimeSpan EngineTime(PipelineGraph graph) =>
        TimeSpan.FromTicks(graph.Models.Sessions.Sum(s => s.TotalTime.Ticks));

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
