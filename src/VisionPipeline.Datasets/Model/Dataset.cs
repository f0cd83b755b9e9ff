namespace VisionPipeline.Datasets;

/// <summary>
/// A labelled image set. <see cref="Images"/> may be lazy (a reader streaming a folder): enumerate it once
/// where possible; problems found while reading that are not errors land in <see cref="Warnings"/>.
/// </summary>
public sealed class Dataset(string imageRoot, IReadOnlyList<Category> categories, IEnumerable<DatasetImage> images,
    DatasetWarnings? warnings = null)
{
    /// <summary>Folder that <see cref="DatasetImage.FilePath"/> and <see cref="DatasetImage.MaskPath"/> are relative to.</summary>
    public string ImageRoot { get; } = imageRoot;

    public IReadOnlyList<Category> Categories { get; } = categories;

    public IEnumerable<DatasetImage> Images { get; } = images;

    public DatasetWarnings Warnings { get; } = warnings ?? new DatasetWarnings();

    public Category? FindCategory(long id)
    {
        foreach (var c in Categories) if (c.Id == id) return c;
        return null;
    }

    public string ImagePath(DatasetImage image) => Path.Combine(ImageRoot, image.FilePath);
}
