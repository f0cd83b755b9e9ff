using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Runs;

namespace VisionPipeline.Cli.Terminal;

/// <summary>The tables `vision run` prints when it ends.</summary>
internal static class SummaryTables
{
    public static void Write(TextWriter w, PipelineGraph graph, RunSummary s, OutputLayout layout, Shard? shard)
    {
        w.WriteLine();
        new TextTable("pipeline", "images", "ok", "failed", "resumed", "wall s", "images/s", "workers")
            .Add(graph.Name, s.Processed, s.Succeeded, s.Failed, s.Resumed, s.Wall.TotalSeconds.ToString("0.00"),
                s.ImagesPerSecond.ToString("0.00"), s.Workers)
            .Write(w);
        if (shard is not null) w.WriteLine($"(shard {shard.Index}/{shard.Count}: {s.Total} images of this shard)");
        if (s.SkippedNonImages > 0) w.WriteLine($"({s.SkippedNonImages} non-image files in the input were skipped)");
        if (s.Cancelled) w.WriteLine($"Stopped early: {s.Processed} of {s.Total} images done.");

        WriteModels(w, s);

        if (s.Failures.Count > 0)
        {
            w.WriteLine();
            var failures = new TextTable("failed image", "error");
            foreach (var (image, error) in s.Failures) failures.Add(image, error);
            failures.Write(w);
        }
        w.WriteLine();
        w.WriteLine($"Output: {layout.Directory}");
    }

    /// <summary>Time per model: runs, milliseconds per run and per image (engine time, without pre- and post-processing).</summary>
    public static void WriteModels(TextWriter w, RunSummary s)
    {
        int processed = s.Succeeded - s.Resumed;
        w.WriteLine();
        var models = new TextTable("model", "engine", "runs", "ms/run", "ms/image");
        foreach (var m in s.Models)
            models.Add(m.Model, m.Engine, m.Runs,
                m.Runs > 0 ? (m.Total.TotalMilliseconds / m.Runs).ToString("0.0") : "-",
                processed > 0 ? (m.Total.TotalMilliseconds / processed).ToString("0.0") : "-");
        models.Write(w);
        foreach (var m in s.Models.Where(m => m.EngineRuns < m.Runs))
            w.WriteLine($"dynamic batching: {m.Model}'s {m.Runs} runs went to the engine as {m.EngineRuns} ({(double)m.Runs / m.EngineRuns:0.0} per run)");
    }

    public static void WriteProfile(TextWriter w, RunSummary s)
    {
        w.WriteLine();
        var table = new TextTable("node", "kind", "frames", "mean ms", "p50 ms", "p95 ms", "share");
        foreach (var n in s.Nodes)
            table.Add(n.Node, n.Kind, n.Frames, n.MeanMs.ToString("0.00"), n.P50Ms.ToString("0.00"), n.P95Ms.ToString("0.00"), n.Share.ToString("P1"));
        table.Write(w);
        w.WriteLine("(share: the node's part of all node time; times include pre- and post-processing)");
    }
}
