using System.Globalization;
using System.Text.Json;
using VisionPipeline.Core.Tensors;

namespace VisionPipeline.Training.Export;

/// <summary>
/// What an exported model says about itself so that <c>vision run --model model.onnx</c> needs no other option:
/// the task (<c>classify</c>, <c>detect</c>, <c>semantic</c>), the class names, the input size and preprocessing.
/// </summary>
public sealed record ModelDescription(string Task, IReadOnlyList<string> Classes, TensorSpec Input)
{
    public const string Classify = "classify";
    public const string Detect = "detect";
    public const string Semantic = "semantic";

    /// <summary>Free text for the <c>description</c> key.</summary>
    public string? Description { get; init; }

    /// <summary>The metadata keys: task, names (Ultralytics' <c>{0: 'a', 1: 'b'}</c>), imgsz (<c>[H, W]</c>), preprocessing, producer, description.</summary>
    public IReadOnlyDictionary<string, string> Metadata() => new Dictionary<string, string>
    {
        ["task"] = Task,
        ["names"] = Names(Classes),
        ["imgsz"] = $"[{Input.Height}, {Input.Width}]",
        ["preprocessing"] = Preprocessing(Input),
        ["producer"] = "VisionPipeline vision train",
        ["description"] = Description ?? $"{Task} model trained by vision train ({Classes.Count} classes)",
    };

    /// <summary>Ultralytics' names format, quotes escaped: <c>{0: 'cat', 1: 'dog\'s'}</c>.</summary>
    public static string Names(IReadOnlyList<string> classes) =>
        "{" + string.Join(", ", classes.Select((name, i) => $"{i}: '{name.Replace("\\", "\\\\").Replace("'", "\\'")}'")) + "}";

    /// <summary>The input's preprocessing as a short JSON object: value = (pixel·scale − mean[c]) / std[c].</summary>
    public static string Preprocessing(TensorSpec spec) => JsonSerializer.Serialize(new
    {
        resize = spec.Resize.ToString(),
        colors = spec.Colors.ToString().ToUpperInvariant(),
        layout = spec.Layout.ToString().ToUpperInvariant(),
        scale = spec.Scale,
        mean = spec.Mean,
        std = spec.Std,
        pad = spec.PadValue,
    }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
