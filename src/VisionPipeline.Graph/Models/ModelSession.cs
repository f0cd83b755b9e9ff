using System.Numerics.Tensors;
using System.Diagnostics;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Tensors;
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
        Runner = engine;
        var spec = entry.Input?.ToTensorSpec() ?? throw new ConfigurationException(entry.File, $"model '{entry.Id}' declares no input");
        if (string.IsNullOrEmpty(spec.Name)) spec = spec with { Name = engine.Inputs.FirstOrDefault()?.Name ?? "input" };
        InputSpec = adjust is null ? spec : adjust(spec);
    }

    public ZooEntry Entry { get; }

    /// <summary>The engine as the catalog opened it (shared with the other sessions of the same model file).</summary>
    public IInferenceEngine Engine { get; }

    /// <summary>What <see cref="Run"/> runs: the engine, or a benchmark's recording wrapper around it while one is attached.</summary>
    internal IInferenceEngine Runner { get; set; }
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

    /// <exception cref="VisionException">an output holds NaN or infinite values (no decoder can make sense of them)</exception>
    public EngineOutputs Run(params TensorBuffer[] inputs)
    {
        long start = Stopwatch.GetTimestamp();
        EngineOutputs outputs;
        try
        {
            outputs = Runner.Run(inputs);
        }
        finally
        {
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
            Interlocked.Increment(ref _runs);
        }
        RefuseNonFinite(outputs);
        return outputs;
    }

    /// <summary>
    /// NaN or ±Inf in an output means a broken model (weights, an fp16 overflow) or an input it cannot take; decoders
    /// would turn it into boxes at NaN or silently into nothing, so the image fails naming the model and the output.
    /// </summary>
    private void RefuseNonFinite(EngineOutputs outputs)
    {
        foreach (var output in outputs.All)
        {
            if (output.ElementType != OutputElementType.Float32 || TensorPrimitives.IsFiniteAll(output.Data)) continue;
            int nan = 0, infinite = 0;
            foreach (var value in output.Data)
                if (float.IsNaN(value)) nan++;
                else if (float.IsInfinity(value)) infinite++;
            outputs.Dispose();
            throw new VisionException(Engine.ModelPath,
                $"model '{Id}' gave {nan:N0} NaN and {infinite:N0} infinite values in output '{output.Name}' {output.ShapeText}; the model or its input is broken");
        }
    }
}
