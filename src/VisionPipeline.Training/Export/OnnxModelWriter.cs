using VisionPipeline.Inference.Onnx;

namespace VisionPipeline.Training.Export;

/// <summary>
/// Writes one self-describing ONNX file: an input <c>images</c> [1, 3, H, W] of <see cref="ModelDescription.Input"/>,
/// the nodes a body adds, its outputs (<c>output0</c>, <c>output1</c>, …) and the description's metadata.
/// </summary>
public static class OnnxModelWriter
{
    public const string InputName = "images";

    /// <summary>The model as bytes; <paramref name="body"/> gets the input's name and returns the values to output, in order.</summary>
    public static byte[] ToBytes(ModelDescription description, Func<OnnxExport, string, IReadOnlyList<string>> body,
        IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        var builder = new OnnxModelBuilder(description.Task);
        var input = builder.Input(InputName, 1, 3, description.Input.Height, description.Input.Width);
        var outputs = body(new OnnxExport(builder), input);
        for (int i = 0; i < outputs.Count; i++)
        {
            // An output must be a node's own output: a pass-through (identity) export gets an Identity node.
            var name = $"output{i}";
            builder.Identity(outputs[i], name);
            builder.Output(name);
        }
        foreach (var (key, value) in description.Metadata()) builder.Metadata(key, value);
        foreach (var (key, value) in extraMetadata ?? new Dictionary<string, string>()) builder.Metadata(key, value);
        return builder.ToBytes();
    }

    /// <summary>Writes the model to <paramref name="path"/> (see <see cref="ToBytes"/>).</summary>
    public static void Save(string path, ModelDescription description, Func<OnnxExport, string, IReadOnlyList<string>> body,
        IReadOnlyDictionary<string, string>? extraMetadata = null) =>
        File.WriteAllBytes(path, ToBytes(description, body, extraMetadata));
}
