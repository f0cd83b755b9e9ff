using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Targets;
using VisionPipeline.Decoders.Common;
using VisionPipeline.Decoders.Faces;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Values;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>BlazeFace: letterbox → model → anchor decode + weighted NMS → faces with 6 keypoints, in frame pixels.</summary>
public sealed class FaceDetectHead(ModelSession model, float scoreThreshold, float iouThreshold, int topK) : IModelHead
{
    private readonly BlazeFaceDecoder _decoder = new(model.InputSpec.Width, scoreThreshold, iouThreshold);

    public PortType? OutputFor(PortType input) => input is PortType.Image or PortType.Crops ? PortType.Detections : null;

    public GraphValue Run(string nodeId, GraphValue input, FrameContext context)
    {
        var faces = new List<Detection>();
        switch (input)
        {
            case ImageValue image:
                foreach (var f in Detect(image.Image)) faces.Add(ToDetection(nodeId, f.MapWith(image.ToFrame)));
                break;
            case CropsValue crops:
                foreach (var crop in crops.Items)
                    foreach (var f in Detect(crop.Image))
                        faces.Add(ToDetection(nodeId, f.MapWith(crop.ToFrame.Apply, crop.ToFrame.Apply)));
                break;
        }
        return new DetectionsValue(topK > 0 ? faces.OrderByDescending(f => f.Score).Take(topK).ToList() : faces);
    }

    /// <summary>Faces in the given image's pixels.</summary>
    public List<ScoredBox> Detect(OpenCvSharp.Mat image)
    {
        var (placement, outputs) = ModelInput.Run(model, image);
        using (outputs)
        {
            // OpenCV returns the two outputs in a different order than TFLite declares: pick them by shape.
            var regressors = ByLastDimension(outputs, BlazeFaceDecoder.ValuesPerAnchor);
            var scores = ByLastDimension(outputs, 1);
            return _decoder.Decode(regressors.Data, scores.Data, placement.ToOriginal);
        }
    }

    private static Detection ToDetection(string node, ScoredBox face) =>
        new(node, "face", face.Score, face.Box) { Keypoints = face.Keypoints };

    private OutputTensor ByLastDimension(EngineOutputs outputs, int last) =>
        outputs.All.FirstOrDefault(o => o.Shape.Length > 0 && o.Shape[^1] == last)
        ?? throw new VisionException(model.Engine.ModelPath,
            $"expected an output whose last dimension is {last}, got {string.Join(", ", outputs.All.Select(o => o.Name + o.ShapeText))}");
}
