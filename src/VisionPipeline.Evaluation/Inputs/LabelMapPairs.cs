using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats.MaskFolder;
using VisionPipeline.Core.IO;

namespace VisionPipeline.Evaluation.Inputs;

/// <summary>
/// Pairs each ground-truth label map (PNG, pixel = class index) in a folder tree with the prediction at the same
/// relative path in another; a prediction may use any image extension with the same stem. A folder laid out as a
/// mask dataset (images/ and masks/) stands for its masks/ folder.
/// </summary>
public static class LabelMapPairs
{
    private static readonly string[] Extensions = [".png", ".bmp", ".tif", ".tiff"];

    public static (List<(string Truth, string Prediction)> Pairs, List<string> Missing) Find(string truthDirectory, string predictionDirectory)
    {
        if (!Directory.Exists(truthDirectory)) throw new ConfigurationException(truthDirectory, "ground-truth folder not found");
        if (!Directory.Exists(predictionDirectory)) throw new ConfigurationException(predictionDirectory, "prediction folder not found");
        truthDirectory = MasksOf(truthDirectory);
        predictionDirectory = MasksOf(predictionDirectory);
        var pairs = new List<(string, string)>();
        var missing = new List<string>();
        foreach (var truth in FolderWalk.FilesBelow(truthDirectory).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())))
        {
            var relative = Path.GetRelativePath(truthDirectory, truth);
            var stem = Path.Combine(predictionDirectory, Path.ChangeExtension(relative, null));
            var prediction = Extensions.Select(e => stem + e).FirstOrDefault(File.Exists);
            if (prediction is null) missing.Add(relative);
            else pairs.Add((truth, prediction));
        }
        if (pairs.Count == 0 && missing.Count == 0) throw new ConfigurationException(truthDirectory, "no label-map images (png, bmp, tif) found");
        return (pairs, missing);
    }

    private static string MasksOf(string directory) =>
        Directory.Exists(Path.Combine(directory, MaskFolderReader.ImagesFolder)) && Directory.Exists(Path.Combine(directory, MaskFolderReader.MasksFolder))
            ? Path.Combine(directory, MaskFolderReader.MasksFolder)
            : directory;
}
