using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Definition.Decoding;
using VisionPipeline.Graph.Definition.Options;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Graph.Definition.Model;

/// <summary>
/// The `model` node's options: which model, on which engine and device, its input-spec overrides, and its decoder.
/// The decoder's own parameters are bound to that decoder's options by the check (<see cref="Setup"/>).
/// </summary>
public sealed record ModelOptions
{
    [Param("model", "zoo model id (see `vision models list`)")]
    public string? Model { get; init; }

    [Param("path", "a model file instead of a zoo id (.onnx, .tflite, .caffemodel, .weights, .pb)")]
    public string? Path { get; init; }

    [Param("engine", "inference engine", Choices = ["auto", "onnxruntime", "opencv-dnn"])]
    public EngineKind Engine { get; init; } = EngineKind.Auto;

    /// <summary>The execution device; null: the run's.</summary>
    [Param("device", "execution device (default: the run's --device)", Choices = ["default", "cpu", "cuda"])]
    public DeviceKind? Device { get; init; }

    /// <summary>The task head the file expects; null: whatever the decoder's is.</summary>
    [Param("head", "task head (auto: from the decoder)", Choices = ["auto", "detect", "segment", "classify", "embed", "recognize"])]
    public HeadKind? Head { get; init; }

    /// <summary>The decoder's name, or "auto" (the zoo entry's, or chosen from the model file).</summary>
    [DecoderChoice] public string Decoder { get; init; } = DecoderChoiceAttribute.Auto;

    [Param("input_size", "input [width, height] overrides", Length = 2, Min = 1, Max = 16384)]
    public int[] InputSize { get; init; } = [];

    [Param("resize", "resize mode override", Choices = ["auto", "stretch", "letterbox", "letterbox-top-left", "center-crop"])]
    public ResizeMode? Resize { get; init; }

    [Param("colors", "colour order override", Choices = ["auto", "rgb", "bgr"])]
    public ColorOrder? Colors { get; init; }

    [Param("scale", "pixel scale override (0: keep)", Min = 0, Max = 1000)]
    public float Scale { get; init; }

    [Param("mean", "per-channel mean override", Length = 3)]
    public double[] Mean { get; init; } = [];

    [Param("std", "per-channel std override", Length = 3, Min = 1e-9)]
    public double[] Std { get; init; } = [];

    [Param("threads", "ONNX Runtime intra-op threads for this model (0: the run's setting)", Min = 0, Max = 256)]
    public int Threads { get; init; }

    /// <summary>The decoder parameters the file set, parsed and range-checked, by name (bound once the decoder is known).</summary>
    internal IReadOnlyDictionary<string, object?> DecoderValues { get; init; } = new Dictionary<string, object?>();

    /// <summary>Set by the check: the model, its decoder and the decoder's typed options.</summary>
    public ModelSetup? Setup { get; init; }
}

/// <summary>A checked `model` node: the model it runs, its decoder, and the decoder's options.</summary>
public sealed record ModelSetup(ModelSource Source, DecoderKind Decoder, DecoderOptions DecoderOptions);

/// <summary>The `decoder` parameter: "auto" or one of <see cref="DecoderKinds"/>.</summary>
public sealed class DecoderChoiceAttribute() : ParamAttribute("decoder", "output decoder (auto: from the zoo entry)")
{
    public const string Auto = "auto";

    public override IReadOnlyList<string> ChoiceNames => [Auto, .. DecoderKinds.Names];
}
