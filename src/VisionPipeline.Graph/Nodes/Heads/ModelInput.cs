using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Models;
using VisionPipeline.Imaging.Preprocessing;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>Resize + pack one image into a fresh tensor and run the model, keeping the map back to the image.</summary>
internal static class ModelInput
{
    /// <summary>Runs the model on one image at its input size (or the size given); the caller disposes the outputs.</summary>
    public static (TensorPlacement Placement, EngineOutputs Outputs) Run(ModelSession model, Mat image, int width = 0, int height = 0)
    {
        var spec = model.InputSpec;
        var (placement, tensor) = Prepare(image, spec, width > 0 ? width : spec.Width, height > 0 ? height : spec.Height);
        using (tensor) return (placement, model.Run(tensor));
    }

    /// <summary>
    /// Frame pixels → pixels of an output map of <paramref name="mapWidth"/> × <paramref name="mapHeight"/> that
    /// covers the model's input (a map may be smaller than the input, at any stride: its own size sets the last scale).
    /// </summary>
    public static Core.Geometry.AffineMap FrameToOutputMap(Values.ImageValue image, TensorPlacement placement, TensorSpec spec, int mapWidth, int mapHeight) =>
        image.FromFrame.Then(placement.ToTensor).Then(Core.Geometry.AffineMap.Scale((double)mapWidth / spec.Width, (double)mapHeight / spec.Height));

    /// <summary>The output of the given name, else the first of the given rank; a one-line error otherwise.</summary>
    public static OutputTensor ByRank(ModelSession model, EngineOutputs outputs, int rank, string? name = null) =>
        (name is null ? null : outputs.All.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)))
        ?? outputs.All.FirstOrDefault(o => o.Shape.Length == rank)
        ?? throw new VisionException(model.Engine.ModelPath,
            $"expected a rank-{rank} output{(name is null ? "" : $" '{name}'")}, got {string.Join(", ", outputs.All.Select(o => o.Name + o.ShapeText))}");

    public static (TensorPlacement Placement, TensorBuffer Tensor) Prepare(Mat image, TensorSpec spec, int width, int height)
    {
        var tensor = (spec.Layout, spec.Unbatched) switch
        {
            (TensorLayout.Nchw, false) => new TensorBuffer(spec.Name, 1, 3, height, width),
            (TensorLayout.Nchw, true) => new TensorBuffer(spec.Name, 3, height, width),
            (_, false) => new TensorBuffer(spec.Name, 1, height, width, 3),
            _ => new TensorBuffer(spec.Name, height, width, 3),
        };
        try
        {
            return (TensorInput.Write(image, spec, width, height, tensor.Span), tensor);
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }
}
