using VisionPipeline.Core.Targets;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Decoders.Embeddings;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>
/// Feature vectors: the model's input spec (ResNet18: centre-crop 224, planar RGB 0–255), an optional preprocessing
/// model run first (ML.NET's mean-image graph), then the pooled features. On crops, one vector per crop with its box.
/// </summary>
public sealed class EmbeddingHead(ModelSession model, ModelSession? preprocess) : IModelHead
{
    public PortType? OutputFor(PortType input) => input is PortType.Image or PortType.Crops ? PortType.Embeddings : null;

    public GraphValue Run(string nodeId, GraphValue input, FrameContext context) => input switch
    {
        ImageValue image => new EmbeddingsValue([new Embedding(nodeId, Embed(image.Image))]),
        CropsValue crops => new EmbeddingsValue(crops.Items.Select(c => new Embedding(nodeId, Embed(c.Image), c.Parent?.Box)).ToList()),
        _ => throw new InvalidOperationException($"embedding of {input.Type} is not supported"),
    };

    public float[] Embed(OpenCvSharp.Mat image)
    {
        var first = preprocess ?? model;
        var spec = first.InputSpec;
        var (_, tensor) = ModelInput.Prepare(image, spec, spec.Width, spec.Height);
        using (tensor)
        {
            if (preprocess is null)
            {
                using var direct = model.Run(tensor);
                return EmbeddingDecoder.ToVector(direct[0].Data);
            }
            using var normalised = preprocess.Run(tensor);
            var stage = normalised[0];
            using var features = new TensorBuffer(model.InputSpec.Name, stage.Shape);
            stage.Data.CopyTo(features.Span);
            using var outputs = model.Run(features);
            return EmbeddingDecoder.ToVector(outputs[0].Data);
        }
    }
}
