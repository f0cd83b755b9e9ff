namespace VisionPipeline.Training.Tasks;

/// <summary>What shapes a task's network and loss; the defaults are the trainer's.</summary>
public sealed record TaskOptions
{
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Square training and export size in pixels (a multiple of 32).</summary>
    public int ImageSize { get; init; } = 224;

    /// <summary>The zoo's ResNet18.onnx whose weights start the backbone; null starts from random weights.</summary>
    public string? PretrainedBackbone { get; init; }

    /// <summary>Only the new head learns (a linear probe for classification).</summary>
    public bool FreezeBackbone { get; init; }

    /// <summary>Dropout before the classification layer (classify) or the last convolution (segment).</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>Cross-entropy label smoothing (classify, segment).</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>Per-class loss weights, by class index (classify, segment); null weighs all alike.</summary>
    public float[]? ClassWeights { get; init; }
}
