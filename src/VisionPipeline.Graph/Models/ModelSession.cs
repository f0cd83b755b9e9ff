using System.Diagnostics;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Benchmarking;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Zoo;

namespace VisionPipeline.Graph.Models;

/// <summary>A model as one node uses it: the shared engine, its manifest entry, its input spec, and its run times.</summary>
public sealed class ModelSession
{
    private long _runs;
    private long _ticks;

    public ModelSession(ZooEntry entry, IInferenceEngine engine, Func<TensorSpec, TensorSpec>? adjust = null)
    {
        Entry = entry;
        Engine = engine;
        var spec = entry.Input?.ToTensorSpec() ?? throw new ConfigurationException(entry.File, $"model '{entry.Id}' declares no input");
        if (string.IsNullOrEmpty(spec.Name)) spec = spec with { Name = engine.Inputs.FirstOrDefault()?.Name ?? "input" };
        InputSpec = adjust is null ? spec : adjust(spec);
    }

    public ZooEntry Entry { get; }
    public IInferenceEngine Engine { get; }
    public string Id => Entry.Id;
    public TensorSpec InputSpec { get; }

    public long Runs => Interlocked.Read(ref _runs);
    public TimeSpan TotalTime => TimeSpan.FromTicks(Interlocked.Read(ref _ticks) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);

    /// <summary>The last dimension of the first output: the class count of a classifier or recogniser.</summary>
    public int OutputClassCount()
    {
        long declared = Entry.Outputs.FirstOrDefault()?.Shape.LastOrDefault() ?? -1;
        if (declared <= 0) declared = Engine.Outputs.FirstOrDefault()?.Shape.LastOrDefault() ?? -1;
        return declared > 0 ? (int)declared
            : throw new ConfigurationException(Engine.ModelPath, "the model's class count is unknown (its last output dimension is dynamic)");
    }

    public EngineOutputs Run(params TensorBuffer[] inputs)
    {
        ModelCallLog.Current?.Add(new ModelCall(this, inputs.Select(i => i.Name).ToArray(), inputs.Select(i => i.Shape).ToArray()));
        ModelCallLog.Samples?.Keep(this, inputs);
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
}
