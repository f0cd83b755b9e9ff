using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Definition.Options;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>The task heads a decoder belongs to (the `model` node's `head` parameter).</summary>
public enum HeadKind { Detect, Segment, Classify, Embed, Recognize }

/// <summary>A decoder's options: the `model` node's decoder parameters it takes, typed, each at the decoder's own default.</summary>
public abstract record DecoderOptions;

/// <summary>Options with a `labels_file` (a zoo id or a file next to the pipeline).</summary>
public interface ILabelsFileOption
{
    string? LabelsFile { get; }
}

/// <summary>Options with `classes`: the labels to keep.</summary>
public interface IClassesOption
{
    string[] Classes { get; }
}

/// <summary>
/// One way of decoding a model's output for the `model` node: what it makes from an image and from crops, the
/// parameters it takes (its options record), the preprocessing a model file of its family usually wants, and how
/// it builds its <see cref="IModelHead"/>. <see cref="DecoderKinds"/> lists them by name.
/// </summary>
public abstract class DecoderKind(string name, HeadKind head, PortType? fromImage, PortType? fromCrops)
{
    /// <summary>The name a pipeline file or zoo entry gives (`decoder: yolo`).</summary>
    public string Name { get; } = name;

    public HeadKind Head { get; } = head;

    /// <summary>What it outputs when fed an image; null: it cannot run on an image.</summary>
    public PortType? FromImage { get; } = fromImage;

    /// <summary>What it outputs when fed crops; null: it cannot run on crops.</summary>
    public PortType? FromCrops { get; } = fromCrops;

    /// <summary>The decoder parameters it takes, in order.</summary>
    public abstract IReadOnlyList<ParamSpec> Params { get; }

    /// <summary>The labels its detections always carry (faces, text); null when they come from a labels file, the model or the zoo.</summary>
    public virtual IReadOnlyList<string>? FixedLabels => null;

    /// <summary>Its options from the decoder parameters a file set (parsed, by name); the others at the decoder's defaults.</summary>
    public abstract DecoderOptions Bind(IReadOnlyDictionary<string, object?> values);

    /// <summary>Reports mistakes in files its options name (beyond the labels file and classes the model node checks).</summary>
    public virtual void Check(NodeContext context, ModelFiles files, DecoderOptions options)
    {
    }

    /// <summary>The usual preprocessing of its model family, for a model file that says nothing: RGB scaled to 0–1, stretched.</summary>
    public virtual TensorSpec DefaultSpec(TensorSpec spec) =>
        spec with { Resize = ResizeMode.Stretch, Colors = ColorOrder.Rgb, Scale = 1 / 255f, Mean = [0, 0, 0], Std = [1, 1, 1] };

    /// <summary>The head that runs the opened model and decodes its output with these options.</summary>
    public abstract IModelHead BuildHead(HeadContext context, DecoderOptions options);

    /// <summary>torchvision classifiers and segmenters: ImageNet mean and std on RGB 0–1.</summary>
    protected static TensorSpec ImageNet(TensorSpec spec, ResizeMode resize) =>
        spec with { Resize = resize, Colors = ColorOrder.Rgb, Scale = 1 / 255f, Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f] };

    /// <summary>Ultralytics: letterbox with grey 114, RGB, 0–1.</summary>
    protected static TensorSpec Ultralytics(TensorSpec spec) =>
        spec with { Resize = ResizeMode.Letterbox, PadValue = 114, Colors = ColorOrder.Rgb, Scale = 1 / 255f, Mean = [0, 0, 0], Std = [1, 1, 1] };
}

/// <summary>A decoder whose options are the record <typeparamref name="TOptions"/>.</summary>
public abstract class DecoderKind<TOptions>(string name, HeadKind head, PortType? fromImage, PortType? fromCrops)
    : DecoderKind(name, head, fromImage, fromCrops) where TOptions : DecoderOptions, new()
{
    public sealed override IReadOnlyList<ParamSpec> Params => OptionsSchema.Of<TOptions>().Params;

    public sealed override DecoderOptions Bind(IReadOnlyDictionary<string, object?> values) => OptionsSchema.Create<TOptions>(values);

    public sealed override void Check(NodeContext context, ModelFiles files, DecoderOptions options) => Check(context, files, (TOptions)options);

    public sealed override IModelHead BuildHead(HeadContext context, DecoderOptions options) => Build(context, (TOptions)options);

    protected virtual void Check(NodeContext context, ModelFiles files, TOptions options)
    {
    }

    protected abstract IModelHead Build(HeadContext context, TOptions options);
}
