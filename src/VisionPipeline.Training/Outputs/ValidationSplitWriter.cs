using OpenCvSharp;
using VisionPipeline.Core.IO;
using VisionPipeline.Datasets;
using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Formats.MaskFolder;
using VisionPipeline.Training.Data;
using VisionPipeline.Training.Tasks;

namespace VisionPipeline.Training.Outputs;

/// <summary>
/// Writes the held-out images with their labels as a dataset `vision eval` reads, so the model can be evaluated on
/// exactly the images it was validated on: an ImageFolder (classify), COCO (detect), or a mask folder whose label
/// values are the model's class indices (segment; classes.txt names them).
/// </summary>
public static class ValidationSplitWriter
{
    /// <returns>The path to give `vision eval --gt`.</returns>
    public static string Write(TrainingData data, string directory)
    {
        var categories = data.Dataset.Categories.Where(c => data.ClassOfCategory.ContainsKey(c.Id)).ToList();
        var losses = new LossReport();
        switch (data.Task)
        {
            case TaskKind.Classify:
                DatasetFormats.Writer(DatasetFormat.ImageFolder).Write(new Dataset(data.Dataset.ImageRoot, categories, data.Validation), directory, losses);
                return directory;
            case TaskKind.Detect:
                var images = data.Validation.Select(i => i with { Split = null }).ToList();
                DatasetFormats.Writer(DatasetFormat.Coco).Write(new Dataset(data.Dataset.ImageRoot, categories, images), directory, losses);
                return Path.Combine(directory, "annotations.json");
            default:
                WriteMasks(data, directory);
                return directory;
        }
    }

    private static void WriteMasks(TrainingData data, string directory)
    {
        var encoder = new SampleEncoder(data, new Core.Tensors.TensorSpec { Name = "labels" }, augmenter: null, seed: 0);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in data.Validation)
        {
            var name = UniqueName(Path.GetFileName(image.FilePath), names);
            AtomicFile.Copy(data.Dataset.ImagePath(image), Path.Combine(directory, MaskFolderReader.ImagesFolder, name));
            using var labels = encoder.ClassIndexMap(image);
            AtomicImageFile.Write(Path.Combine(directory, MaskFolderReader.MasksFolder, Path.GetFileNameWithoutExtension(name) + ".png"), labels);
        }
        AtomicFile.WriteText(Path.Combine(directory, MaskFolderReader.ClassesFile), string.Join("\n", data.Classes) + "\n");
    }

    private static string UniqueName(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (int i = 2; !taken.Add(candidate); i++) candidate = $"{Path.GetFileNameWithoutExtension(name)}_{i}{Path.GetExtension(name)}";
        return candidate;
    }
}
