using System.Diagnostics;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Inference.Zoo;

namespace VisionPipeline.Graph.Models;

/// <summary>A loaded zoo model: its engine, its manifest entry and how long its runs took.</summary>
public sealed class ModelSession(ZooEntry entry, IInferenceEngine engine) : IDisposable
{
    private long _runs;
    private long _ticks;

    public ZooEntry Entry { get; } = entry;
    public IInferenceEngine Engine { get; } = engine;
    public string Id => Entry.Id;

    public TensorSpec InputSpec => Entry.Input?.ToTensorSpec()
        ?? throw new InvalidOperationException($"model '{Entry.Id}' declares no input");

    public long Runs => Interlocked.Read(ref _runs);
    public TimeSpan TotalTime => TimeSpan.FromTicks(Interlocked.Read(ref _ticks) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);

    public EngineOutputs Run(params TensorBuffer[] inputs)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            return Engine.Run(inputs);
        }
        finally
        {
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
            Interlocked.Increment(ref _runs);
        }
    }

    public void Dispose() => Engine.Dispose();
}
