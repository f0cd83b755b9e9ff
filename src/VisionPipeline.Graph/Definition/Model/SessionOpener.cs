using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Definition.Decoding;
using VisionPipeline.Graph.Models;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Graph.Definition.Model;

/// <summary>
/// Opens a `model` node's model with its engine, device and thread overrides, and its input spec: the zoo entry's,
/// or for a model file its decoder family's usual preprocessing at the file's input size, then the node's overrides.
/// </summary>
public static class SessionOpener
{
    public static ModelSession Open(ModelOptions options, ModelSetup setup, ModelCatalog models)
    {
        var overrides = new SessionOverrides(
            Engine: options.Engine == EngineKind.Auto ? null : options.Engine,
            Device: options.Device,
            Threads: options.Threads,
            Spec: spec => Override(spec, options));
        if (options.Model is { } id) return models.Open(id, overrides);

        var file = setup.Source.File!;
        var size = options.InputSize is [var width, var height] ? (width, height) : setup.Source.FileInputSize()!.Value;
        var input = setup.Source.FileInfo?.Inputs.FirstOrDefault();
        var inputName = input?.Name ?? "";
        var defaults = setup.Decoder.DefaultSpec(new TensorSpec
        {
            Name = inputName, Width = size.Item1, Height = size.Item2,
            Layout = ModelSource.IsNhwc(input?.Shape ?? []) ? TensorLayout.Nhwc : TensorLayout.Nchw,
            Unbatched = input?.Shape.Length == 3, // torchvision detection exports take one [3, H, W] image
        });
        return models.OpenFile(file, setup.Decoder.Name,
            overrides with { Spec = spec => Override(defaults with { Name = string.IsNullOrEmpty(inputName) ? spec.Name : inputName }, options) });
    }

    /// <summary>The node's input-spec overrides applied to a spec.</summary>
    private static TensorSpec Override(TensorSpec spec, ModelOptions options) => spec with
    {
        Width = options.InputSize is [var width, _] ? width : spec.Width,
        Height = options.InputSize is [_, var height] ? height : spec.Height,
        Resize = options.Resize ?? spec.Resize,
        Colors = options.Colors ?? spec.Colors,
        Scale = options.Scale > 0 ? options.Scale : spec.Scale,
        Mean = options.Mean is { Length: 3 } mean ? mean.Select(v => (float)v).ToArray() : spec.Mean,
        Std = options.Std is { Length: 3 } std ? std.Select(v => (float)v).ToArray() : spec.Std,
    };
}
