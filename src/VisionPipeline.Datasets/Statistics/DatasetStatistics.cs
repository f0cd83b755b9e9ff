namespace VisionPipeline.Datasets.Statistics;

/// <summary>Counts over one pass of a dataset: per-class objects and images, image sizes, COCO object size ranges.</summary>
public sealed record DatasetStatistics(
    int Images,
    int ImagesWithoutLabels,
    int Objects,
    int CrowdObjects,
    IReadOnlyList<ClassStatistics> Classes,
    IReadOnlyList<ImageSizeCount> ImageSizes,
    ObjectSizeCounts ObjectSizes)
{
    // COCO's area ranges: small < 32², medium < 96², large otherwise.
    public const double SmallAreaLimit = 32 * 32;
    public const double MediumAreaLimit = 96 * 96;

    /// <summary>
    /// One pass over <paramref name="dataset"/>. Object size uses the annotation's area as COCO evaluation does:
    /// the area the file gives, else the mask's pixel count, else box width × height. An image counts as
    /// labelled when it has an object or an image-level class.
    /// </summary>
    public static DatasetStatistics Compute(Dataset dataset)
    {
        var classes = dataset.Categories.ToDictionary(c => c.Id, c => new ClassCounter(c));
        var sizes = new Dictionary<(int, int), int>();
        int images = 0, unlabelled = 0, objects = 0, crowd = 0, small = 0, medium = 0, large = 0;
        foreach (var image in dataset.Images)
        {
            images++;
            sizes[(image.Width, image.Height)] = sizes.GetValueOrDefault((image.Width, image.Height)) + 1;
            if (image.Annotations.Count == 0 && image.ClassId is null) unlabelled++;
            if (image.ClassId is { } classId) Counter(classes, classId).Images++;
            foreach (var id in image.Annotations.Select(a => a.CategoryId).Distinct()) Counter(classes, id).Images++;
            foreach (var a in image.Annotations)
            {
                objects++;
                Counter(classes, a.CategoryId).Objects++;
                if (a.IsCrowd) crowd++;
                var area = a.ResolveArea(image.Height, image.Width);
                if (area < SmallAreaLimit) small++;
                else if (area < MediumAreaLimit) medium++;
                else large++;
            }
        }
        return new DatasetStatistics(images, unlabelled, objects, crowd,
            classes.Values.OrderBy(c => c.Category.Id).Select(c => new ClassStatistics(c.Category.Id, c.Category.Name, c.Objects, c.Images)).ToList(),
            sizes.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2)
                .Select(p => new ImageSizeCount(p.Key.Item1, p.Key.Item2, p.Value)).ToList(),
            new ObjectSizeCounts(small, medium, large));
    }

    private static ClassCounter Counter(Dictionary<long, ClassCounter> classes, long id)
    {
        if (!classes.TryGetValue(id, out var counter))
            classes[id] = counter = new ClassCounter(new Category(id, $"(unknown category {id})"));
        return counter;
    }

    private sealed class ClassCounter(Category category)
    {
        public Category Category { get; } = category;
        public int Objects { get; set; }
        public int Images { get; set; }
    }
}

public sealed record ClassStatistics(long Id, string Name, int Objects, int Images);

public sealed record ImageSizeCount(int Width, int Height, int Images);

public sealed record ObjectSizeCounts(int Small, int Medium, int Large);
