using System.Text.Json;
using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Results;
using VisionPipeline.Datasets.Formats.MaskFolder;

namespace VisionPipeline.Evaluation.Inputs.Predictions;

/// <summary>
/// Semantic label maps rebuilt from the project's own results.jsonl: a semantic node writes one mask PNG per class
/// present with its <c>class_index</c>; each pixel takes the class of the mask covering it, 0 where none does (the
/// background, left out of the masks). Each map is written at the mask dataset's layout (the image's path under
/// images/, as .png) so that <see cref="LabelMapPairs"/> pairs it with its ground truth.
/// </summary>
public static class ResultsJsonlLabelMaps
{
    /// <param name="node">only masks of this pipeline node; all nodes when null</param>
    /// <param name="problems">one line for each record that could not be used (a failed image, an image not in the ground truth)</param>
    public static void Write(string path, GroundTruthSet truth, string? node, string outputDirectory, List<string> problems)
    {
        var runDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(outputDirectory);
        int semantic = 0, other = 0;
        foreach (var entry in ResultsJsonlRecords.Read(path))
        {
            var record = entry.Record;
            var image = truth.ImageByPath(record.Image);
            if (image is null) { problems.Add(entry.Problem(path, "image", $"image '{record.Image}' is not in the ground truth; skipped")); continue; }
            if (record.Error is not null) { problems.Add(entry.Problem(path, "error", $"{record.Image} failed in the run: {record.Error}")); continue; }

            using var labels = new Mat(record.Height, record.Width, MatType.CV_8UC1, Scalar.All(0));
            var masks = record.Masks.Where(m => node is null || m.Node == node).ToList();
            other += masks.Count(m => m.ClassIndex is null);
            semantic += masks.Count(m => m.ClassIndex is not null);
            if (Paint(labels, masks, runDirectory, path) is { } problem) { problems.Add($"{problem}; {record.Image} skipped"); continue; }
            var relative = Path.GetRelativePath(MaskFolderReader.ImagesFolder, image.FilePath);
            var target = Path.Combine(outputDirectory, Path.ChangeExtension(relative, ".png"));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!Cv2.ImWrite(target, labels)) throw new VisionException(target, "cannot write the label map");
        }
        if (semantic == 0 && other > 0)
            throw new ConfigurationException(path, "its masks carry no class_index: the pipeline is not a semantic-segmentation one (decoder 'semantic')");
    }

    /// <returns>null, or why the image's label map cannot be rebuilt</returns>
    private static string? Paint(Mat labels, List<MaskRecord> masks, string runDirectory, string resultsPath)
    {
        foreach (var mask in masks)
        {
            if (mask.ClassIndex is not { } c) continue;
            if (mask.Path is null)
                throw new ConfigurationException(resultsPath, $"node '{mask.Node}' masks were not saved: the pipeline needs a sink.masks node for them");
            if (c > 254) return $"{resultsPath}: class index {c} does not fit an 8-bit label map";
            var maskPath = Path.Combine(runDirectory, mask.Path);
            using var pixels = Cv2.ImRead(maskPath, ImreadModes.Grayscale);
            if (pixels.Empty()) return $"{maskPath}: cannot decode the mask";
            if (pixels.Size() != labels.Size()) return $"{maskPath}: mask is {pixels.Width}×{pixels.Height} but its image is {labels.Width}×{labels.Height}";
            labels.SetTo(Scalar.All(c), pixels);
        }
        return null;
    }
}
