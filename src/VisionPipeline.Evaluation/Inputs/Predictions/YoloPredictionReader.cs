using System.Globalization;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets;
using VisionPipeline.Core.IO;

namespace VisionPipeline.Evaluation.Inputs.Predictions;

/// <summary>
/// YOLO prediction files (Ultralytics <c>save_txt</c> + <c>save_conf</c>): one <c>&lt;stem&gt;.txt</c> per image,
/// rows <c>class cx cy w h confidence</c> normalized to the image size. Class i is the i-th category by id (for a
/// YOLO ground truth, category i itself).
/// </summary>
public static class YoloPredictionReader
{
    public static List<PredictedObject> Read(string directory, GroundTruthSet truth, List<string> problems)
    {
        if (!Directory.Exists(directory)) throw new ConfigurationException(directory, "prediction folder not found");
        var results = new List<PredictedObject>();
        foreach (var file in FolderWalk.FilesBelow(directory).Where(f => f.EndsWith(".txt", StringComparison.Ordinal)))
        {
            var image = truth.ImageByStem(Path.GetFileNameWithoutExtension(file));
            if (image is null) { problems.Add($"{file}: no single ground-truth image with this name; skipped"); continue; }
            int line = 0;
            foreach (var text in File.ReadLines(file))
            {
                line++;
                if (string.IsNullOrWhiteSpace(text)) continue;
                var f = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length != 6) throw new VisionException(file, $"expected 'class cx cy w h confidence', got {f.Length} fields", $"line {line}");
                var v = new double[5];
                for (int i = 0; i < 5; i++)
                    if (!double.TryParse(f[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
                        throw new VisionException(file, $"'{f[i + 1]}' is not a finite number", $"line {line}");
                if (!int.TryParse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int cls) || cls < 0 || cls >= truth.CategoriesById.Count)
                    throw new VisionException(file, $"class '{f[0]}' is not one of 0..{truth.CategoriesById.Count - 1}", $"line {line}");
                double w = v[2] * image.Width, h = v[3] * image.Height;
                var box = new BoxXywh(v[0] * image.Width - w / 2, v[1] * image.Height - h / 2, w, h);
                results.Add(new PredictedObject(image.Id, truth.CategoriesById[cls].Id, box, v[4], null));
            }
        }
        return results;
    }
}
