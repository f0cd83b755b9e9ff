using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Core.Targets;
using VisionPipeline.Decoders.Classification;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>
/// Classifiers: [N, C] logits or probabilities → the top-k classes. On an image, one detection per class spanning
/// the frame; on crops, each crop's detection relabelled with its class.
/// </summary>
public sealed class ClassifyHead(ModelSession model, ClassActivation activation, int topK, float minScore, LabelSet labels) : IModelHead
{
    public PortType? OutputFor(PortType input) => input is PortType.Image or PortType.Crops ? PortType.Detections : null;

    public GraphValue Run(string nodeId, GraphValue input, FrameContext context)
    {
        var found = new List<Detection>();
        switch (input)
        {
            case ImageValue image:
                var frameBox = new BoxF(0, 0, context.Frame.Width, context.Frame.Height);
                foreach (var (cls, score) in Classify(image.Image)) found.Add(new Detection(nodeId, labels[cls], score, frameBox));
                break;
            case CropsValue crops:
                foreach (var crop in crops.Items)
                {
                    var parent = crop.Parent ?? new Detection(nodeId, "", 0, crop.ToFrame.Apply(new BoxF(0, 0, crop.Image.Width, crop.Image.Height)));
                    foreach (var (cls, score) in Classify(crop.Image)) found.Add(parent with { Node = nodeId, Label = labels[cls], Score = score });
                }
                break;
        }
        return new DetectionsValue(found);
    }

    public List<(int ClassId, float Score)> Classify(Mat image)
    {
        var (_, outputs) = ModelInput.Run(model, image);
        using (outputs)
            return ClassificationDecoder.Decode(ModelInput.ByRank(model, outputs, 2).Data, activation, topK, minScore);
    }
}
