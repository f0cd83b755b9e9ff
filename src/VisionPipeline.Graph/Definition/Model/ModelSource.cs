using VisionPipeline.Inference.Onnx;
using VisionPipeline.Zoo;

namespace VisionPipeline.Graph.Definition.Model;

/// <summary>The model a node runs: a zoo entry, or a model file (its full path).</summary>
public sealed record ModelSource(ZooEntry? Entry, string? File)
{
    public static ModelSource Of(ModelOptions options, ModelFiles files) =>
        options.Model is { } id ? new ModelSource(files.Entry(id), null) : new ModelSource(null, files.NextToPipeline(options.Path!));

    public bool IsOnnxFile => File?.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>What an existing ONNX model file says about itself (read once per file); null for a zoo model or another format.</summary>
    public OnnxModelInfo? FileInfo => IsOnnxFile && System.IO.File.Exists(File) ? OnnxModelInfo.Read(File!) : null;

    /// <summary>The model file's own input size: static input dimensions (NCHW, NHWC or CHW), else Ultralytics' imgsz metadata.</summary>
    public (int Width, int Height)? FileInputSize()
    {
        if (FileInfo is not { } info) return null;
        var shape = info.Inputs.FirstOrDefault()?.Shape ?? [];
        var (h, w) = shape.Length switch
        {
            4 when IsNhwc(shape) => (shape[1], shape[2]),
            4 => (shape[2], shape[3]),
            3 => (shape[1], shape[2]),
            _ => (-1L, -1L),
        };
        return h > 0 && w > 0 ? ((int)w, (int)h) : info.ImageSize;
    }

    public static bool IsNhwc(long[] shape) => shape.Length == 4 && shape[3] is 3 or 1 && shape[1] is not (3 or 1);
}
