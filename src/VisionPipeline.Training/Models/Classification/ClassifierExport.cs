using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Export;

namespace VisionPipeline.Training.Models.Classification;

/// <summary>
/// Writes classifiers as one self-describing ONNX model (task <c>classify</c>) whose output0 is class probabilities
/// [1, C]: the softmax of one member's logits, or the mean of K members' softmax. The <c>classify</c> decoder's
/// Auto activation sees a distribution and takes it as it is, so the score it reports is the probability.
/// </summary>
public static class ClassifierExport
{
    public static byte[] ToBytes(IReadOnlyList<Classifier> members, IReadOnlyList<string> classes, TensorSpec input,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (members.Count == 0) throw new ArgumentException("no classifier to export", nameof(members));
        if (members.Any(m => m.Classes != classes.Count))
            throw new ArgumentException($"every member must have {classes.Count} outputs, one per class", nameof(members));
        var description = new ModelDescription(ModelDescription.Classify, classes, input)
        {
            Description = $"ResNet18 classifier, {classes.Count} classes" + (members.Count > 1 ? $", ensemble of {members.Count}" : ""),
        };
        return OnnxModelWriter.ToBytes(description, (onnx, image) => [EnsembleExport.AverageProbabilities(onnx, image, members)], metadata);
    }

    public static void Save(string path, IReadOnlyList<Classifier> members, IReadOnlyList<string> classes, TensorSpec input,
        IReadOnlyDictionary<string, string>? metadata = null) =>
        File.WriteAllBytes(path, ToBytes(members, classes, input, metadata));
}
