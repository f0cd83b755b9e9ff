using System.Collections.Concurrent;
using System.Diagnostics;
using VisionPipeline.Core.Frames;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Nodes;

namespace VisionPipeline.Graph.Pipelines;

/// <summary>
/// Nodes run in order on each frame; several frames may be in the pipeline at once. Owns the models it opened.
/// </summary>
public sealed class Pipeline(string name, IReadOnlyList<IFrameNode> nodes, ModelCatalog models) : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _nodeTicks = new();

    public string Name { get; } = name;
    public IReadOnlyList<IFrameNode> Nodes { get; } = nodes;
    public ModelCatalog Models { get; } = models;

    /// <summary>Runs every node on the frame. The caller owns the returned targets.</summary>
    public FrameTargets Process(Frame frame)
    {
        var targets = new FrameTargets();
        try
        {
            foreach (var node in Nodes)
            {
                long start = Stopwatch.GetTimestamp();
                node.Process(frame, targets);
                _nodeTicks.AddOrUpdate(node.Id, Stopwatch.GetTimestamp() - start, (_, t) => t + Stopwatch.GetTimestamp() - start);
            }
            return targets;
        }
        catch
        {
            targets.Dispose();
            throw;
        }
    }

    /// <summary>Total time spent in each node (pre- and post-processing included).</summary>
    public IReadOnlyDictionary<string, TimeSpan> NodeTimes =>
        _nodeTicks.ToDictionary(kv => kv.Key, kv => TimeSpan.FromTicks(kv.Value * TimeSpan.TicksPerSecond / Stopwatch.Frequency));

    public void Dispose() => Models.Dispose();
}
