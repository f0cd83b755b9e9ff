namespace VisionPipeline.Evaluation.Detection.Coco;

/// <summary>
/// What COCOeval evaluates: the ground truth's image and category ids (the evaluation runs over these, sorted),
/// its annotations, and the detections in results-file order. Detections of a category the ground truth lacks
/// are not evaluated, as in pycocotools.
/// </summary>
public sealed record CocoProblem(
    IReadOnlyList<long> ImageIds,
    IReadOnlyList<long> CategoryIds,
    IReadOnlyList<GroundTruthObject> GroundTruths,
    IReadOnlyList<DetectedObject> Detections);
