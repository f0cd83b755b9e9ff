using System.Globalization;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets;
using VisionPipeline.Core.IO;
using VisionPipeline.Core.Text;

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
                var f = LineFields.Split(text);
                TextPosition At(int field) => new(line, f[field].Column);
                if (f.Length != 6) // too few: the row's start; too many: the first extra field
                    throw new VisionException(file, At(f.Length > 6 ? 6 : 0), $"expected 'class cx cy w h confidence', got {f.Length} fields");
                var v = new double[5];
                for (int i = 0; i < 5; i++)
                    if (!double.TryParse(f[i + 1].Text, NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
                        throw new VisionException(file, At(i + 1), $"'{f[i + 1].Text}' is not a finite number");
                if (!int.TryParse(f[0].Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int cls) || cls < 0 || cls >= truth.CategoriesById.Count)
                    throw new VisionException(file, At(0), $"class '{f[0].Text}' is not one of 0..{truth.CategoriesById.Count - 1}");
                double w = v[2] * image.Width, h = v[3] * image.Height;
                var box = new BoxXywh(v[0] * image.Width - w / 2, v[1] * image.Height - h / 2, w, h);
                results.Add(new PredictedObject(image.Id, truth.CategoriesById[cls].Id, box, v[4], null));
            }
        }
        return results;
    }
}
