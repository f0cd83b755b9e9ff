using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets;
using VisionPipeline.Datasets.Formats;

namespace VisionPipeline.Training.Data;

/// <summary>
/// A folder holding a dataset per split, <c>train/</c> and <c>val/</c> (or <c>valid/</c>, <c>validation/</c>), as
/// `vision dataset synth|digits` write them: read as one dataset rooted at the folder, each image marked with its split.
/// </summary>
public static class SplitFolders
{
    private static readonly string[] ValidationNames = ["val", "valid", "validation"];

    /// <summary>The train and validation folders when <paramref name="path"/> is such a folder, else null.</summary>
    public static (string Train, string Validation)? Find(string path)
    {
        if (!Directory.Exists(path)) return null;
        var train = Path.Combine(path, "train");
        var validation = ValidationNames.Select(n => Path.Combine(path, n)).FirstOrDefault(Directory.Exists);
        return Directory.Exists(train) && validation is not null ? (train, validation) : null;
    }

    /// <summary>The splits as one dataset, what reading them warned of and how many inputs it could not read; both must be of one format.</summary>
    public static (Dataset Dataset, DatasetFormat Format, IReadOnlyList<string> Warnings, int Skipped) Read(string root, string train, string validation, string? format)
    {
        var trainPath = DatasetPath(train);
        var validationPath = DatasetPath(validation);
        var kind = format is null ? DatasetFormats.Detect(trainPath) : DatasetFormatNames.Parse(format);
        var trainSet = DatasetFormats.Read(kind, trainPath);
        var validationSet = DatasetFormats.Read(kind, validationPath);
        var validationImages = ValidationOnTrainingClasses(trainSet, validationSet, kind, validation);
        var images = Rooted(root, trainSet, trainSet.Images, "train").Concat(Rooted(root, validationSet, validationImages, "val")).ToList();
        var warnings = trainSet.Warnings.Items.Concat(validationSet.Warnings.Items).ToList();
        return (new Dataset(Path.GetFullPath(root), trainSet.Categories, images), kind, warnings, trainSet.Warnings.Skipped + validationSet.Warnings.Skipped);
    }

    /// <summary>COCO splits are their annotations.json; other formats are the folder itself.</summary>
    private static string DatasetPath(string folder)
    {
        var coco = Path.Combine(folder, "annotations.json");
        return File.Exists(coco) ? coco : folder;
    }

    /// <summary>
    /// The validation images with their labels in the training split's category ids, matched by name: the validation
    /// split may lack classes (an empty or one-image class folder in train/), but it may not bring a class training
    /// never sees. Mask folders must agree exactly, since their pixel values are the ids.
    /// </summary>
    private static IEnumerable<DatasetImage> ValidationOnTrainingClasses(Dataset train, Dataset validation, DatasetFormat kind, string folder)
    {
        static IEnumerable<(long, string)> Named(Dataset d) => d.Categories.OrderBy(c => c.Id).Select(c => (c.Id, c.Name));
        if (Named(train).SequenceEqual(Named(validation))) return validation.Images;
        string trained = string.Join(", ", train.Categories.Select(c => c.Name));
        if (kind == DatasetFormat.Masks)
            throw new ConfigurationException(folder, $"the validation split's classes differ from the training split's ({trained}); mask values must mean the same class in both");
        var idOfName = train.Categories.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        if (validation.Categories.FirstOrDefault(c => !idOfName.ContainsKey(c.Name)) is { } unknown)
            throw new ConfigurationException(folder, $"the validation split has class '{unknown.Name}', which the training split lacks ({trained})");
        var trainId = validation.Categories.ToDictionary(c => c.Id, c => idOfName[c.Name]);
        return validation.Images.Select(image => image with
        {
            ClassId = image.ClassId is { } id ? trainId[id] : null,
            Annotations = image.Annotations.Select(a => a with { CategoryId = trainId[a.CategoryId] }).ToList(),
        });
    }

    private static IEnumerable<DatasetImage> Rooted(string root, Dataset dataset, IEnumerable<DatasetImage> images, string split)
    {
        var prefix = Path.GetRelativePath(Path.GetFullPath(root), dataset.ImageRoot).Replace('\\', '/');
        string Under(string relative) => prefix == "." ? relative : $"{prefix}/{relative}";
        foreach (var image in images)
            yield return image with
            {
                FilePath = Under(image.FilePath),
                MaskPath = image.MaskPath is null ? null : Under(image.MaskPath),
                Split = split,
            };
    }
}
