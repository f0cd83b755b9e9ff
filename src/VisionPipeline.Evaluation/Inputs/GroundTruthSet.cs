using VisionPipeline.Datasets;

namespace VisionPipeline.Evaluation.Inputs;

/// <summary>
/// A dataset's images and categories held for evaluation, with the look-ups predictions need: by image id, by
/// relative path, by file stem, by category name.
/// </summary>
public sealed class GroundTruthSet
{
    private readonly Dictionary<long, DatasetImage> _byId = [];
    private readonly Dictionary<string, DatasetImage> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DatasetImage>> _byStem = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Category> _byName = new(StringComparer.Ordinal);

    /// <param name="difficultIsCrowd">PASCAL VOC ground truth: its <c>difficult</c> objects are ignored like crowd
    /// regions. COCO's own protocol looks only at <c>iscrowd</c>, so COCO and YOLO ground truth keep this false.</param>
    public GroundTruthSet(Dataset dataset, bool difficultIsCrowd = false)
    {
        Dataset = dataset;
        DifficultIsCrowd = difficultIsCrowd;
        Images = dataset.Images.ToList();
        foreach (var image in Images)
        {
            _byId[image.Id] = image;
            _byPath[Normalize(image.FilePath)] = image;
            var stem = Path.GetFileNameWithoutExtension(image.FilePath);
            if (!_byStem.TryGetValue(stem, out var list)) _byStem[stem] = list = [];
            list.Add(image);
        }
        foreach (var c in dataset.Categories) _byName.TryAdd(c.Name, c);
        CategoriesById = dataset.Categories.OrderBy(c => c.Id).ToList();
    }

    public Dataset Dataset { get; }
    public bool DifficultIsCrowd { get; }

    /// <summary>The source the ground truth was read from, for error messages.</summary>
    public string Source { get; init; } = "";
    public IReadOnlyList<DatasetImage> Images { get; }

    /// <summary>Categories sorted by id: position i is YOLO class i for datasets whose ids are not class indices.</summary>
    public IReadOnlyList<Category> CategoriesById { get; }

    public DatasetImage? ImageById(long id) => _byId.GetValueOrDefault(id);

    public Category? CategoryByName(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The image at this relative path; else the only image with this file stem.</summary>
    public DatasetImage? ImageByPath(string relativePath)
    {
        if (_byPath.TryGetValue(Normalize(relativePath), out var image)) return image;
        return ImageByStem(Path.GetFileNameWithoutExtension(relativePath));
    }

    public DatasetImage? ImageByStem(string stem) =>
        _byStem.TryGetValue(stem, out var list) && list.Count == 1 ? list[0] : null;

    private static string Normalize(string path) => path.Replace('\\', '/').TrimStart('.', '/');
}
