using VisionPipeline.Training.Loop;
using VisionPipeline.Training.Tasks;

namespace VisionPipeline.Training;

/// <summary>Everything `vision train` is asked: the task, the data, the output folder and every setting.</summary>
public sealed record TrainingRequest
{
    public required TaskKind Task { get; init; }

    /// <summary>The dataset: any format `vision dataset` reads.</summary>
    public required string Data { get; init; }

    /// <summary>The dataset's format; guessed from <see cref="Data"/> when null.</summary>
    public string? Format { get; init; }

    /// <summary>COCO: the folder file_name is relative to.</summary>
    public string? Images { get; init; }

    public required string Output { get; init; }

    /// <summary>Square input size; null picks one from the images (see <see cref="Outputs.ImageSizeChoice"/>).</summary>
    public int? ImageSize { get; init; }

    /// <summary>Share of the images held out for validation when the dataset has no split of its own.</summary>
    public double ValidationShare { get; init; } = 0.2;

    /// <summary>A recipe name or file for on-the-fly augmentation; "none" turns it off; null picks the task's default.</summary>
    public string? Augment { get; init; }

    /// <summary>The zoo's ResNet18.onnx; null trains from random weights.</summary>
    public string? PretrainedBackbone { get; init; }

    public bool FreezeBackbone { get; init; }
    public double Dropout { get; init; } = 0.2;
    public double LabelSmoothing { get; init; }

    /// <summary>"none", "balanced" (inverse class frequency) or one weight per class.</summary>
    public string ClassWeights { get; init; } = "none";

    public TrainerOptions Trainer { get; init; } = new();

    /// <summary>Continue from the output folder's checkpoint.</summary>
    public bool Resume { get; init; }

    /// <summary>Replace an output folder that exists.</summary>
    public bool Overwrite { get; init; }
}
