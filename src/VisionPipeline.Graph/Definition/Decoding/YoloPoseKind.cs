using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Definition.Options;
using VisionPipeline.Graph.Nodes.Heads;
using VisionPipeline.Inference.Onnx;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>Ultralytics YOLOv8/11 pose: boxes with keypoints and their visibility, from an image or crops.</summary>
public sealed class YoloPoseKind() : DecoderKind<YoloPoseKind.Options>("yolo-pose", HeadKind.Detect, fromImage: PortType.Detections, fromCrops: PortType.Detections)
{
    public sealed record Options() : NmsBoxOptions(scoreThreshold: 0.25f)
    {
        [Param("keypoints", "YOLO pose: keypoints per object (0: from the model's kpt_shape metadata, else 17)", Min = 0, Max = 1000)]
        public int Keypoints { get; init; }
    }

    public override TensorSpec DefaultSpec(TensorSpec spec) => Ultralytics(spec);

    protected override IModelHead Build(HeadContext context, Options options)
    {
        var session = context.Session;
        var labels = context.Labels(options.LabelsFile);
        var shape = new OnnxModelInfo([], [], session.Engine.Metadata).KeypointShape;
        int keypoints = options.Keypoints > 0 ? options.Keypoints : shape?.Keypoints ?? 17;
        int values = shape?.Values ?? 3;
        int classes = Math.Max(1, labels.Names.Count);
        return new BoxDetectHead(session, BoxOutputs.YoloPose(classes, keypoints, values), suppress: true, options.Settings(labels, context.Files.PipelinePath), labels);
    }
}
