using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Export;
using VisionPipeline.Training.Models.Backbones;

namespace VisionPipeline.Training.Models.Classification;

/// <summary>
/// Writes classifiers as one self-describing ONNX model (task <c>classify</c>) whose output0 is class probabilities
/// [1, C]: the softmax of one member's logits, or the mean of K members' softmax. The <c>classify</c> decoder's
/// Auto activation sees a distribution and takes it as it is, so the score it reports is the probability.
/// </summary>
public static class ClassifierExport
{
    public static byte[] ToBytes(IReadOnlyList<Classifier> members, IReadOnlyList<string> classes, TensorSpec input,
        IReadOnlyDictionary<string, string>? metadata = null) =>
        NetworkExport.ToBytes(members, new ModelDescription(ModelDescription.Classify, classes, input), "ResNet18 classifier",
            (onnx, image) => EnsembleExport.AverageProbabilities(onnx, image, members), metadata);

    public static void Save(string path, IReadOnlyList<Classifier> members, IReadOnlyList<string> classes, TensorSpec input,
        IReadOnlyDictionary<string, string>? metadata = null) =>
        File.WriteAllBytes(path, ToBytes(members, classes, input, metadata));
}
