using VisionPipeline.Datasets;

namespace VisionPipeline.Training.Data;

/// <summary>Training and validation images: the dataset's own split when it has one, else a seeded share per class.</summary>
public sealed record ValidationSplit(IReadOnlyList<DatasetImage> Train, IReadOnlyList<DatasetImage> Validation, string Source)
{
    private static readonly string[] TrainNames = ["train", "training"];
    private static readonly string[] ValidationNames = ["val", "valid", "validation"];

    /// <param name="classOf">The class of an image for a stratified draw (classification); null draws from all images alike.</param>
    public static ValidationSplit Choose(IReadOnlyList<DatasetImage> images, Func<DatasetImage, int>? classOf, double share, int seed)
    {
        var own = OwnSplit(images);
        if (own is not null) return own;
        if (share is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(share), share, "the validation share must lie strictly between 0 and 1");
        var random = new Random(seed);
        var train = new List<DatasetImage>();
        var validation = new List<DatasetImage>();
        var groups = classOf is null
            ? [images.ToList()]
            : images.GroupBy(classOf).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        foreach (var group in groups)
        {
            var order = group.OrderBy(i => i.FilePath, StringComparer.Ordinal).ToArray();
            random.Shuffle(order);
            int take = (int)Math.Round(order.Length * share, MidpointRounding.AwayFromZero);
            take = order.Length >= 2 ? Math.Clamp(take, 1, order.Length - 1) : 0; // a lone image stays in training
            validation.AddRange(order.Take(take));
            train.AddRange(order.Skip(take));
        }
        string source = classOf is null
            ? $"{share:P0} of the images drawn with seed {seed}"
            : $"{share:P0} of each class drawn with seed {seed} (stratified)";
        return new ValidationSplit(train, validation, source);
    }

    private static ValidationSplit? OwnSplit(IReadOnlyList<DatasetImage> images)
    {
        if (!images.Any(i => i.Split is not null)) return null;
        var train = images.Where(i => Is(i, TrainNames)).ToList();
        var validation = images.Where(i => Is(i, ValidationNames)).ToList();
        if (train.Count == 0 || validation.Count == 0) return null;
        return new ValidationSplit(train, validation, "the dataset's own train/val split");
    }

    private static bool Is(DatasetImage image, string[] names) =>
        image.Split is { } split && names.Contains(split, StringComparer.OrdinalIgnoreCase);
}
