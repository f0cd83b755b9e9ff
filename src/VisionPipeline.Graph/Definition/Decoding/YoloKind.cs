using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Definition.Options;
using VisionPipeline.Graph.Nodes.Heads;
using VisionPipeline.Inference.Onnx;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>Ultralytics YOLO (v5, v8/11, end-to-end) boxes, from an image or crops.</summary>
public sealed class YoloKind() : DecoderKind<YoloKind.Options>("yolo", HeadKind.Detect, fromImage: PortType.Detections, fromCrops: PortType.Detections)
{
    public sealed record Options() : NmsBoxOptions(scoreThreshold: 0.25f)
    {
        /// <summary>The output layout; null: told from the output's shape and the model's metadata.</summary>
        [Param("layout", "YOLO output layout (auto: from the output shape)", Choices = ["auto", "yolov5", "yolov8", "end2end"])]
        public YoloLayout? Layout { get; init; }
    }

    public override TensorSpec DefaultSpec(TensorSpec spec) => Ultralytics(spec);

    protected override IModelHead Build(HeadContext context, Options options)
    {
        var session = context.Session;
        var labels = context.Labels(options.LabelsFile);
        var layout = options.Layout
            ?? DecoderChooser.YoloLayoutOf(session.Engine.Outputs.FirstOrDefault()?.Shape ?? [], new OnnxModelInfo([], [], session.Engine.Metadata));
        // End-to-end exports suppress overlaps inside the model.
        return new BoxDetectHead(session, BoxOutputs.Yolo(layout), layout != YoloLayout.End2end, options.Settings(labels, context.Files.PipelinePath), labels);
    }
}
