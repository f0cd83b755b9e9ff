namespace VisionPipeline.Core.Tensors;

public enum ColorOrder { Bgr, Rgb }

public enum TensorLayout { Nchw, Nhwc }

/// <summary>How an image is brought to a model's input size; each mode has an exact inverse.</summary>
public enum ResizeMode
{
    /// <summary>Scale each axis independently to the target size.</summary>
    Stretch,
    /// <summary>Keep the aspect ratio, fit inside the target, pad the rest equally on both sides.</summary>
    Letterbox,
    /// <summary>Keep the aspect ratio, fit inside the target at the top-left corner, pad right and bottom.</summary>
    LetterboxTopLeft,
    /// <summary>Keep the aspect ratio, cover the target, cut the centre.</summary>
    CenterCrop,
}

/// <summary>
/// How a model wants its image input: value = (pixel · Scale − Mean[c]) / Std[c], with channels in
/// <see cref="Colors"/> order and the tensor in <see cref="Layout"/>.
/// </summary>
public sealed record TensorSpec
{
    public required string Name { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public TensorLayout Layout { get; init; } = TensorLayout.Nchw;
    public ColorOrder Colors { get; init; } = ColorOrder.Bgr;
    public ResizeMode Resize { get; init; } = ResizeMode.Stretch;
    public float Scale { get; init; } = 1f;
    public float[] Mean { get; init; } = [0f, 0f, 0f];
    public float[] Std { get; init; } = [1f, 1f, 1f];

    /// <summary>Grey level of letterbox padding, in source pixel units (0–255).</summary>
    public byte PadValue { get; init; }

    /// <summary>The model takes one image without a batch dimension ([3, H, W]), as torchvision detection exports do.</summary>
    public bool Unbatched { get; init; }
}
