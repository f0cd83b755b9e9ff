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

    /// <summary>The splits as one dataset, and what reading them warned of; both must be of one format with the same categories.</summary>
    public static (Dataset Dataset, DatasetFormat Format, IReadOnlyList<string> Warnings) Read(string root, string train, string validation, string? format)
    {
        var trainPath = DatasetPath(train);
        var validationPath = DatasetPath(validation);
        var kind = format is null ? DatasetFormats.Detect(trainPath) : DatasetFormatNames.Parse(format);
        var trainSet = DatasetFormats.Read(kind, trainPath);
        var validationSet = DatasetFormats.Read(kind, validationPath);
        var names = trainSet.Categories.OrderBy(c => c.Id).Select(c => (c.Id, c.Name)).ToList();
        if (!names.SequenceEqual(validationSet.Categories.OrderBy(c => c.Id).Select(c => (c.Id, c.Name))))
            throw new ConfigurationException(validation, $"the validation split's classes differ from the training split's ({string.Join(", ", names.Select(n => n.Name))})");
        var images = Rooted(root, trainSet, "train").Concat(Rooted(root, validationSet, "val")).ToList();
        var warnings = trainSet.Warnings.Items.Concat(validationSet.Warnings.Items).ToList();
        return (new Dataset(Path.GetFullPath(root), trainSet.Categories, images), kind, warnings);
    }

    /// <summary>COCO splits are their annotations.json; other formats are the folder itself.</summary>
    private static string DatasetPath(string folder)
    {
        var coco = Path.Combine(folder, "annotations.json");
        return File.Exists(coco) ? coco : folder;
    }

    private static IEnumerable<DatasetImage> Rooted(string root, Dataset dataset, string split)
    {
        var prefix = Path.GetRelativePath(Path.GetFullPath(root), dataset.ImageRoot).Replace('\\', '/');
        string Under(string relative) => prefix == "." ? relative : $"{prefix}/{relative}";
        foreach (var image in dataset.Images)
            yield return image with
            {
                FilePath = Under(image.FilePath),
                MaskPath = image.MaskPath is null ? null : Under(image.MaskPath),
                Split = split,
            };
    }
}
