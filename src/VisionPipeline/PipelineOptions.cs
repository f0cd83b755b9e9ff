using VisionPipeline.Inference.Engines;

namespace VisionPipeline;

/// <summary>How a <see cref="Pipeline"/> opens its models and shares the cores. Every value has a working default.</summary>
public sealed record PipelineOptions
{
    /// <summary>The model zoo folder holding zoo.json; null: $VISION_MODELS, else the first ./models found walking up
    /// from the working directory.</summary>
    public string? ModelsDirectory { get; init; }

    /// <summary>Where ONNX Runtime models run; CUDA falls back to the CPU with a warning.</summary>
    public DeviceKind Device { get; init; } = DeviceKind.Cpu;

    /// <summary>Images processed at once by the many-image methods (<see cref="Pipeline.Run(string, string, WriteOptions?, IProgress{Graph.Runs.RunProgress}?, CancellationToken)"/>,
    /// the ProcessAsync overloads); 0: one per core, at most 4.</summary>
    public int Workers { get; init; }

    /// <summary>Dynamic batching: up to this many images' runs of a model with a free batch dimension go to the
    /// engine as one run (1: off). Raises the worker count to at least this.</summary>
    public int Batch { get; init; } = 1;

    /// <summary>How long a run waits for others to fill its batch.</summary>
    public TimeSpan BatchWait { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>ONNX Runtime intra-op threads per model (and OpenCV's thread count); 0: the cores shared out between
    /// the engine runs that happen at once.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>ONNX Runtime inter-op threads; 0 lets the runtime choose.</summary>
    public int InterOpThreads { get; init; }

    /// <summary>Whether the many-image calls follow symbolic links in input folders (each real folder is read once, a
    /// link loop is reported); false leaves every link out.</summary>
    public bool FollowLinks { get; init; } = true;

    /// <summary>Receives one-line warnings (a CUDA fallback, a model input resized); null: they are dropped.</summary>
    public Action<string>? Warn { get; init; }
}
