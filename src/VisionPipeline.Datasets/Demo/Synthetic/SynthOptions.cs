using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats;

namespace VisionPipeline.Datasets.Demo.Synthetic;

/// <summary>What the synthetic data is for; each task is written in the format that holds it.</summary>
public enum SynthTask
{
    /// <summary>One shape per image, an ImageFolder of its class.</summary>
    Classify,

    /// <summary>1–4 shapes per image, COCO boxes with run-length masks of their visible pixels.</summary>
    Detect,

    /// <summary>The detection scenes as a mask folder: a label map of class values.</summary>
    Segment,
}

/// <param name="Images">Images in all (train + val); null: <see cref="DefaultImages"/>.</param>
/// <param name="Size">Image side in pixels; null: <see cref="DefaultSize"/>.</param>
public sealed record SynthOptions(SynthTask Task, int? Images = null, int Seed = 0, int? Size = null,
    double ValFraction = DemoSplits.DefaultValFraction)
{
    public const int MinSize = 32;

    public static int DefaultImages(SynthTask task) => task == SynthTask.Classify ? 100 * Shapes.All.Length : 600;

    public static int DefaultSize(SynthTask task) => task == SynthTask.Classify ? 64 : 128;

    public int ImageCount => Images ?? DefaultImages(Task);

    public int ImageSize => Size ?? DefaultSize(Task);

    public DatasetFormat Format => Task switch
    {
        SynthTask.Classify => DatasetFormat.ImageFolder,
        SynthTask.Detect => DatasetFormat.Coco,
        _ => DatasetFormat.Masks,
    };

    /// <exception cref="ConfigurationException">A count, size or fraction out of range.</exception>
    public void Check()
    {
        if (ImageCount < 1) throw new ConfigurationException(null, $"--images {ImageCount}: at least 1 image");
        if (ImageSize < MinSize) throw new ConfigurationException(null, $"--size {ImageSize}: images are at least {MinSize} pixels wide");
        DemoSplits.CheckFraction(ValFraction);
    }
}
