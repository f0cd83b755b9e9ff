using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets;
using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Formats.Files;
using VisionPipeline.Training.Tasks;

namespace VisionPipeline.Training.Data;

/// <summary>
/// A labelled dataset opened for one task: its classes (in the order of the model's outputs), how its category ids
/// map to class indices, the training and validation images, and what was left out and why.
/// </summary>
public sealed class TrainingData
{
    /// <summary>Name of the class that segmentation gives the pixels no category covers (label value 0).</summary>
    public const string Background = "background";

    private TrainingData(Dataset dataset, DatasetFormat format, TaskKind task, IReadOnlyList<string> classes,
        IReadOnlyDictionary<long, int> classOfCategory, IReadOnlyList<DatasetImage> train, IReadOnlyList<DatasetImage> validation,
        string splitSource, IReadOnlyList<string> warnings, int skipped)
    {
        Dataset = dataset;
        Format = format;
        Task = task;
        Classes = classes;
        ClassOfCategory = classOfCategory;
        Train = train;
        Validation = validation;
        SplitSource = splitSource;
        Warnings = warnings;
        Skipped = skipped;
    }

    public Dataset Dataset { get; }
    public DatasetFormat Format { get; }
    public TaskKind Task { get; }
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The class index of each category id the task uses (segmentation: also 0 → background).</summary>
    public IReadOnlyDictionary<long, int> ClassOfCategory { get; }

    public IReadOnlyList<DatasetImage> Train { get; }
    public IReadOnlyList<DatasetImage> Validation { get; }

    /// <summary>Where the validation images came from, in words (the dataset's own split, or a stratified share).</summary>
    public string SplitSource { get; }

    /// <summary>One line per problem found while reading: skipped images and labels, left-out classes.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Images left out because they or their labels cannot be read.</summary>
    public int Skipped { get; }

    /// <summary>The same data with only the first <paramref name="train"/> training and <paramref name="validation"/> validation images (benchmarks).</summary>
    public TrainingData Subset(int train, int validation) => new(Dataset, Format, Task, Classes, ClassOfCategory,
        Enumerable.Range(0, train).Select(i => Train[i % Train.Count]).ToList(), Validation.Take(validation).ToList(), SplitSource, Warnings, Skipped);

    /// <summary>Training images per class (classify: by whole-image class; otherwise by images holding the class).</summary>
    public int[] TrainImagesPerClass()
    {
        var counts = new int[Classes.Count];
        foreach (var image in Train)
            foreach (var c in ClassesIn(image)) counts[c]++;
        return counts;
    }

    private IEnumerable<int> ClassesIn(DatasetImage image) => Task == TaskKind.Classify
        ? image.ClassId is { } id && ClassOfCategory.TryGetValue(id, out var c) ? [c] : []
        : image.Annotations.Select(a => ClassOfCategory.GetValueOrDefault(a.CategoryId, -1)).Where(c => c >= 0).Distinct();

    /// <summary>
    /// Reads the dataset at <paramref name="path"/> (any format `vision dataset` reads; guessed when
    /// <paramref name="format"/> is null; or a folder with one such dataset in train/ and another in val/) for
    /// <paramref name="task"/>, and splits it: the dataset's own train/val split when it has one, else a share
    /// <paramref name="validationShare"/> drawn per class with <paramref name="seed"/>.
    /// </summary>
    public static TrainingData Open(TaskKind task, string path, string? format, string? imageRoot, double validationShare, int seed)
    {
        Dataset dataset;
        DatasetFormat datasetFormat;
        IReadOnlyList<string>? readWarnings = null;
        int unread = 0;
        if (SplitFolders.Find(path) is var (trainFolder, validationFolder))
        {
            (dataset, datasetFormat, readWarnings, unread) = SplitFolders.Read(path, trainFolder, validationFolder, format);
            CheckFormat(task, datasetFormat, path);
        }
        else
        {
            datasetFormat = format is null ? DatasetFormats.Detect(path) : DatasetFormatNames.Parse(format);
            CheckFormat(task, datasetFormat, path);
            dataset = DatasetFormats.Read(datasetFormat, path, imageRoot);
            unread = dataset.Warnings.Skipped;
        }
        var warnings = new List<string>();
        var (classes, classOf) = ClassesOf(task, dataset);
        var usable = new List<DatasetImage>();
        int skipped = 0;
        foreach (var image in dataset.Images)
        {
            if (Problem(task, dataset, image, classOf) is { } problem)
            {
                warnings.Add($"{image.FilePath}: {problem}; skipped");
                skipped++;
                continue;
            }
            usable.Add(image);
        }
        warnings.InsertRange(0, readWarnings ?? dataset.Warnings.Items);
        if (usable.Count == 0)
            throw new ConfigurationException(path, skipped > 0
                ? $"none of the dataset's {skipped} images can be used for {TaskName(task)} (the first: {warnings[0]})"
                : $"the dataset has no labelled images for {TaskName(task)}");

        if (task == TaskKind.Classify)
            (classes, classOf, usable) = LeaveOutEmptyClasses(classes, classOf, usable, warnings, path);
        if (task != TaskKind.Classify && !usable.Any(i => i.Annotations.Count > 0 || i.MaskPath is not null))
            throw new ConfigurationException(path, $"the dataset has no labels for {TaskName(task)}: no image has an annotation{(task == TaskKind.Segment ? " or a mask" : "")}");

        var split = ValidationSplit.Choose(usable, task == TaskKind.Classify ? i => classOf[i.ClassId!.Value] : null, validationShare, seed);
        if (task == TaskKind.Classify) WarnOfUnvalidatedClasses(classes, classOf, split, warnings, path);
        if (split.Validation.Count == 0)
            throw new ConfigurationException(path, "no image is left for validation: give a dataset with a validation split or more images");
        if (split.Train.Count == 0)
            throw new ConfigurationException(path, "no image is left for training: every image is in the validation split");
        return new TrainingData(dataset, datasetFormat, task, classes, classOf, split.Train, split.Validation, split.Source, warnings, skipped + unread);
    }

    private static string TaskName(TaskKind task) => task switch
    {
        TaskKind.Classify => "classification",
        TaskKind.Detect => "detection",
        _ => "segmentation",
    };

    private static void CheckFormat(TaskKind task, DatasetFormat format, string path)
    {
        bool fits = task switch
        {
            TaskKind.Classify => format == DatasetFormat.ImageFolder,
            TaskKind.Detect => format is DatasetFormat.Coco or DatasetFormat.Yolo or DatasetFormat.Voc,
            _ => format is DatasetFormat.Masks or DatasetFormat.Coco,
        };
        if (!fits)
            throw new ConfigurationException(path, $"a {format.Name()} dataset cannot train {TaskName(task)}: give {task switch
            {
                TaskKind.Classify => "an ImageFolder (one folder per class)",
                TaskKind.Detect => "COCO, YOLO or Pascal VOC boxes",
                _ => "mask folders or COCO polygons/RLE",
            }}");
    }

    /// <summary>Classes in model order: the categories sorted by id; segmentation puts the background first.</summary>
    private static (IReadOnlyList<string>, Dictionary<long, int>) ClassesOf(TaskKind task, Dataset dataset)
    {
        var categories = dataset.Categories.OrderBy(c => c.Id).ToList();
        var names = new List<string>();
        var classOf = new Dictionary<long, int>();
        if (task == TaskKind.Segment)
        {
            if (categories.Any(c => c.Id is <= 0 or >= 255))
                throw new ConfigurationException(dataset.ImageRoot,
                    $"segmentation needs category ids 1–254 (0 is the background, 255 ignored): category '{categories.First(c => c.Id is <= 0 or >= 255).Name}' has id {categories.First(c => c.Id is <= 0 or >= 255).Id}");
            names.Add(Background);
            classOf[0] = 0;
        }
        foreach (var c in categories)
        {
            classOf[c.Id] = names.Count;
            names.Add(c.Name);
        }
        if (names.Count(n => n != Background) == 0) throw new ConfigurationException(dataset.ImageRoot, "the dataset has no classes");
        return (names, classOf);
    }

    private static string? Problem(TaskKind task, Dataset dataset, DatasetImage image, IReadOnlyDictionary<long, int> classOf)
    {
        if (task == TaskKind.Classify && image.ClassId is null) return "has no class";
        var file = dataset.ImagePath(image);
        try
        {
            var (width, height) = ImageHeader.ReadSize(file);
            if (width <= 0 || height <= 0) return "the image is empty";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or VisionException or InvalidDataException)
        {
            return $"cannot read the image ({e.Message.ReplaceLineEndings(" ")})";
        }
        if (image.MaskPath is { } mask && !File.Exists(Path.Combine(dataset.ImageRoot, mask))) return $"its mask {mask} is missing";
        foreach (var a in image.Annotations)
            if (!classOf.ContainsKey(a.CategoryId)) return $"annotation {a.Id} has category {a.CategoryId}, which the dataset does not declare";
        return null;
    }

    private static void WarnOfUnvalidatedClasses(IReadOnlyList<string> classes, Dictionary<long, int> classOf, ValidationSplit split,
        List<string> warnings, string path)
    {
        var validated = split.Validation.Select(i => classOf[i.ClassId!.Value]).ToHashSet();
        foreach (var group in split.Train.GroupBy(i => classOf[i.ClassId!.Value]).Where(g => !validated.Contains(g.Key)).OrderBy(g => g.Key))
            warnings.Add($"{path}: class '{classes[group.Key]}' has {group.Count()} training image{(group.Count() == 1 ? "" : "s")} and none for validation; it is trained but not validated");
    }

    private static (IReadOnlyList<string>, Dictionary<long, int>, List<DatasetImage>) LeaveOutEmptyClasses(IReadOnlyList<string> classes,
        Dictionary<long, int> classOf, List<DatasetImage> images, List<string> warnings, string path)
    {
        var counts = new int[classes.Count];
        foreach (var i in images) counts[classOf[i.ClassId!.Value]]++;
        var empty = Enumerable.Range(0, classes.Count).Where(c => counts[c] == 0).ToHashSet();
        foreach (var c in empty) warnings.Add($"{path}: class '{classes[c]}' has no usable image; it is left out of the model");
        if (classes.Count - empty.Count < 2)
            throw new ConfigurationException(path, $"classification needs at least two classes with images; found {classes.Count - empty.Count}");
        if (empty.Count == 0) return (classes, classOf, images);
        var kept = new List<string>();
        var newClassOf = new Dictionary<long, int>();
        foreach (var (id, c) in classOf.OrderBy(p => p.Value))
        {
            if (empty.Contains(c)) continue;
            newClassOf[id] = kept.Count;
            kept.Add(classes[c]);
        }
        return (kept, newClassOf, images);
    }
}
