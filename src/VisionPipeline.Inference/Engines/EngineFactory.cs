using VisionPipeline.Core.Errors;

namespace VisionPipeline.Inference.Engines;

public static class EngineFactory
{
    private static readonly string[] OpenCvFormats = [".tflite", ".caffemodel", ".weights", ".pb"];

    /// <summary>ONNX Runtime for .onnx unless OpenCV DNN is asked for; OpenCV DNN for every other format; wrapped for
    /// dynamic batching when <see cref="EngineOptions.MaxBatch"/> asks for it and the model allows it.</summary>
    public static IInferenceEngine Create(string modelPath, EngineOptions options, IReadOnlyList<TensorInfo>? declaredInputs = null)
    {
        if (!File.Exists(modelPath))
            throw new VisionException(modelPath, "model file not found");
        var kind = Resolve(modelPath, options.Engine);
        IInferenceEngine engine = kind == EngineKind.OnnxRuntime
            ? new OnnxRuntimeEngine(modelPath, options)
            : new OpenCvDnnEngine(modelPath, options, declaredInputs);
        return BatchingEngine.Wrap(engine, options);
    }

    public static EngineKind Resolve(string modelPath, EngineKind requested)
    {
        var ext = Path.GetExtension(modelPath).ToLowerInvariant();
        bool isOnnx = ext == ".onnx";
        return requested switch
        {
            EngineKind.Auto when isOnnx => EngineKind.OnnxRuntime,
            EngineKind.Auto when OpenCvFormats.Contains(ext) => EngineKind.OpenCvDnn,
            EngineKind.Auto => throw new VisionException(modelPath,
                $"unknown model format '{ext}' (expected .onnx, .tflite, .caffemodel + .prototxt, .weights + .cfg, or .pb)"),
            EngineKind.OnnxRuntime when !isOnnx => throw new VisionException(modelPath,
                $"ONNX Runtime runs only .onnx files; use the opencv-dnn engine for '{ext}'"),
            _ => requested,
        };
    }
}
