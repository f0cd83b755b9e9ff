using VisionPipeline.Training.Export;

namespace VisionPipeline.Training.Models.Backbones;

/// <summary>Writes K networks of one kind as one self-describing model (the checks and description the task exports share).</summary>
internal static class NetworkExport
{
    /// <param name="architecture">Words for the description, e.g. "ResNet18 classifier".</param>
    /// <param name="output">The graph's one output from the members and the input's name.</param>
    public static byte[] ToBytes<T>(IReadOnlyList<T> members, ModelDescription description, string architecture,
        Func<OnnxExport, string, string> output, IReadOnlyDictionary<string, string>? metadata) where T : ResNetNetwork
    {
        if (members.Count == 0) throw new ArgumentException($"no {architecture} to export", nameof(members));
        int classes = description.Classes.Count;
        if (members.FirstOrDefault(m => m.Classes != classes) is { } odd)
            throw new ArgumentException($"a member has {odd.Classes} outputs for {classes} classes: every member needs one per class", nameof(members));
        var described = description with
        {
            Description = $"{architecture}, {classes} classes" + (members.Count > 1 ? $", ensemble of {members.Count}" : ""),
        };
        return OnnxModelWriter.ToBytes(described, (onnx, image) => [output(onnx, image)], metadata);
    }
}
