using VisionPipeline.Core.Frames;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Models;
using VisionPipeline.Heads.Faces;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Graph.Nodes;

/// <summary>BlazeFace: letterbox → model → anchors decode + weighted NMS → boxes and 6 keypoints in image pixels.</summary>
public sealed class FaceDetectorNode : IFrameNode
{
    private readonly ModelSession _model;
    private readonly BlazeFaceDecoder _decoder;
    private readonly int _size;

    public FaceDetectorNode(string id, ModelSession model, float scoreThreshold = 0.5f, float nmsThreshold = 0.3f)
    {
        Id = id;
        _model = model;
        _size = model.InputSpec.Width;
        _decoder = new BlazeFaceDecoder(_size, scoreThreshold, nmsThreshold);
    }

    public string Id { get; }

    public void Process(Frame frame, FrameTargets targets)
    {
        var (prepared, tensor) = ModelInput.Prepare(frame.Image, _model.InputSpec, _size, _size);
        using (prepared)
        using (tensor)
        using (var outputs = _model.Run(tensor))
        {
            // OpenCV returns the two outputs in a different order than TFLite declares: pick them by shape.
            var regressors = ByLastDimension(outputs, BlazeFaceDecoder.ValuesPerAnchor);
            var scores = ByLastDimension(outputs, 1);
            foreach (var face in _decoder.Decode(regressors.Data, scores.Data, prepared.ToOriginal))
                targets.Add(new Detection(Id, "face", face.Score, face.Box) { Keypoints = face.Keypoints });
        }
    }

    private OutputTensor ByLastDimension(EngineOutputs outputs, int last) =>
        outputs.All.FirstOrDefault(o => o.Shape.Length > 0 && o.Shape[^1] == last)
        ?? throw new Core.Errors.VisionException(_model.Engine.ModelPath,
            $"expected an output whose last dimension is {last}, got {string.Join(", ", outputs.All.Select(o => o.Name + o.ShapeText))}");
}
