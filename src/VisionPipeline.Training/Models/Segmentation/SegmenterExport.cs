using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Export;
using VisionPipeline.Training.Models.Backbones;

namespace VisionPipeline.Training.Models.Segmentation;

/// <summary>
/// Writes segmenters as one self-describing ONNX model (task <c>semantic</c>) whose output0 is [1, C, H, W]: one
/// member's logits, or the mean of K members' softmax probabilities. The <c>semantic</c> decoder takes the per-pixel
/// argmax, the same class either way.
/// </summary>
public static class SegmenterExport
{
    public static byte[] ToBytes(IReadOnlyList<Segmenter> members, IReadOnlyList<string> classes, TensorSpec input,
        IReadOnlyDictionary<string, string>? metadata = null) =>
        NetworkExport.ToBytes(members, new ModelDescription(ModelDescription.Semantic, classes, input), "ResNet18-FPN semantic segmenter",
            (onnx, image) => members.Count == 1 ? members[0].Export(onnx, image) : EnsembleExport.AverageProbabilities(onnx, image, members), metadata);

    public static void Save(string path, IReadOnlyList<Segmenter> members, IReadOnlyList<string> classes, TensorSpec input,
        IReadOnlyDictionary<string, string>? metadata = null) =>
        File.WriteAllBytes(path, ToBytes(members, classes, input, metadata));
}
