using VisionPipeline.Cli.Terminal;
using VisionPipeline.Live;

namespace VisionPipeline.Cli.Commands;

internal static partial class LiveCommand
{
    /// <summary>Per source: frames read, processed, dropped (the pipeline was busy), thinned (--every, --max-fps), corrupt;
    /// the rate; the pipeline's mean time on a frame; grab-to-result latency; then the engines' share of the pipeline's time.</summary>
    private static void WriteSummary(TextWriter stdout, LiveSummary summary)
    {
        var table = new TextTable("source", "read", "processed", "dropped", "thinned", "corrupt", "failed", "fps", "pipeline ms", "p50 ms", "p95 ms", "max ms");
        foreach (var s in summary.Sources)
            table.Add($"{s.Source.Position}: {s.Source.Text}", s.Read, s.Processed, s.Dropped, s.Thinned, s.Corrupt, s.Failed,
                s.Fps.ToString("0.0"), s.PipelineMs.ToString("0.0"), s.LatencyP50.ToString("0.0"), s.LatencyP95.ToString("0.0"), s.LatencyMax.ToString("0.0"));
        table.Write(stdout);
        stdout.WriteLine($"{summary.Wall.TotalSeconds:0.0} s; engines {summary.EngineShare:P0} of the pipeline's time; latency is from grab to result written");
    }
}
