using TorchSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Datasets;
using VisionPipeline.Decoders.Detection;
using VisionPipeline.Decoders.Suppression;
using VisionPipeline.Evaluation.Detection.Coco;
using VisionPipeline.Graph.Definition.Decoding;
using VisionPipeline.Graph.Nodes.Heads;
using VisionPipeline.Training.Models.Detection;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tasks.Detection;

/// <summary>
/// A validation pass: the loss of each batch, and detections decoded as the exported model's are by the yolo
/// decoder with its default settings (score threshold, NMS), clipped to the input, scored against the boxes with
/// the COCO evaluator: "map50" (AP at IoU 0.5) and "map" (AP at IoU 0.5:0.95).
/// </summary>
internal sealed class DetectionValidation : IValidation
{
    private readonly DetectTask _task;
    private readonly DetectionNetwork _network;
    private readonly BoxDecodeSettings _settings;
    private readonly List<GroundTruthObject> _truths = [];
    private readonly List<DetectedObject> _detections = [];
    private double _lossSum;
    private int _images;

    public DetectionValidation(DetectTask task, nn.Module<Tensor, Tensor> network)
    {
        _task = task;
        _network = DetectTask.Network(network);
        _network.eval();
        _settings = new YoloKind.Options().Settings(new LabelSet(task.Classes), "");
    }

    public float Add(Batch batch)
    {
        var targets = DetectTask.TargetsOf(batch);
        var anchors = DetectTask.AnchorsFor(batch.Images);
        int classes = _task.Classes.Count, width = (int)batch.Images.shape[3], height = (int)batch.Images.shape[2];
        float loss;
        float[] decoded;
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            var raw = _network.forward(batch.Images);
            loss = _task.LossFunction.Compute(raw, anchors, targets).item<float>();
            decoded = DetectionNetwork.Decode(raw, anchors).cpu().contiguous().data<float>().ToArray();
        }
        int perImage = (4 + classes) * anchors.Count;
        for (int i = 0; i < batch.Count; i++)
        {
            long imageId = ++_images;
            foreach (var t in targets[i])
            {
                var box = new BoxXywh(t.X1, t.Y1, t.X2 - t.X1, t.Y2 - t.Y1);
                _truths.Add(new GroundTruthObject(_truths.Count + 1, imageId, t.ClassId, box, box.Width * box.Height, false));
            }
            var candidates = YoloDecoder.DecodeV8(decoded.AsSpan(i * perImage, perImage), anchors.Count, classes, _settings.ScoreThreshold, 0, _settings.Classes);
            foreach (var found in Nms.Apply(candidates, _settings.Nms))
            {
                var b = found.Box.ClipTo(width, height);
                var box = new BoxXywh(b.X1, b.Y1, b.Width, b.Height);
                _detections.Add(new DetectedObject(imageId, found.ClassId, box, box.Width * box.Height, found.Score));
            }
        }
        _lossSum += loss * batch.Count;
        return loss;
    }

    public ValidationResult Finish()
    {
        var images = Enumerable.Range(1, _images).Select(i => (long)i).ToList();
        var categories = Enumerable.Range(0, _task.Classes.Count).Select(c => (long)c).ToList();
        var problem = new CocoProblem(images, categories, _truths, _detections);
        var summary = CocoEvaluator.Evaluate(problem, new BoxIouMeasure(_detections, _truths)).Summarize();
        double map50 = Math.Max(0, summary.AP50), map = Math.Max(0, summary.AP);
        var metrics = new Dictionary<string, double> { ["map50"] = map50, ["map"] = map };
        return new ValidationResult(_images == 0 ? 0 : _lossSum / _images, map50, metrics);
    }
}
