namespace VisionPipeline.Inference.Engines;

public enum EngineKind { Auto, OnnxRuntime, OpenCvDnn }

public enum DeviceKind { Cpu, Cuda }

public sealed record EngineOptions
{
    public EngineKind Engine { get; init; } = EngineKind.Auto;
    public DeviceKind Device { get; init; } = DeviceKind.Cpu;

    /// <summary>ONNX Runtime intra-op threads; 0 lets the runtime choose.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>ONNX Runtime inter-op threads; 0 lets the runtime choose.</summary>
    public int InterOpThreads { get; init; }

    /// <summary>Dynamic batching: single-image runs of a model with a free batch dimension are combined, up to this
    /// many at once (1: off).</summary>
    public int MaxBatch { get; init; } = 1;

    /// <summary>How long a run waits for others to join its batch.</summary>
    public TimeSpan BatchWait { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>OpenCV DNN only: the network description for two-file formats (.prototxt, .cfg, .pbtxt);
    /// by default the file with the model's base name and that extension.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Receives one-line warnings, such as a fallback from CUDA to CPU.</summary>
    public Action<string>? Warn { get; init; }

    public static EngineKind ParseEngine(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => EngineKind.Auto,
        "onnxruntime" or "ort" => EngineKind.OnnxRuntime,
        "opencv" or "opencv-dnn" => EngineKind.OpenCvDnn,
        _ => throw new ArgumentException($"unknown engine '{text}' (expected auto, onnxruntime or opencv-dnn)"),
    };

    public static DeviceKind ParseDevice(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "cpu" => DeviceKind.Cpu,
        "cuda" or "gpu" => DeviceKind.Cuda,
        _ => throw new ArgumentException($"unknown device '{text}' (expected cpu or cuda)"),
    };
}
