using VisionPipeline.Core.Frames;
using VisionPipeline.Core.Targets;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Models;
using VisionPipeline.Heads.Embeddings;

namespace VisionPipeline.Graph.Nodes;

/// <summary>
/// ResNet18 features of the whole image: centre-crop 224 → planar RGB 0–255 → ML.NET's preprocessing graph
/// (RGB→BGR, minus the mean image) → ResNet18 → 512-d vector.
/// </summary>
public sealed class ImageEmbeddingNode(string id, ModelSession preprocess, ModelSession model) : IFrameNode
{
    public string Id { get; } = id;

    public void Process(Frame frame, FrameTargets targets) => targets.Add(new Embedding(Id, Embed(frame.Image)));

    public float[] Embed(OpenCvSharp.Mat image)
    {
        var spec = preprocess.InputSpec;
        var (prepared, tensor) = ModelInput.Prepare(image, spec, spec.Width, spec.Height);
        using (prepared)
        using (tensor)
        using (var normalised = preprocess.Run(tensor))
        {
            var stage = normalised[0];
            using var features = new TensorBuffer(model.InputSpec.Name, stage.Shape);
            stage.Data.CopyTo(features.Span);
            using var outputs = model.Run(features);
            return EmbeddingHead.ToVector(outputs[0].Data);
        }
    }
}
