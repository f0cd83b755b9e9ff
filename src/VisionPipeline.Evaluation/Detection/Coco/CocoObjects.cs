using VisionPipeline.Datasets;

namespace VisionPipeline.Evaluation.Detection.Coco;

/// <summary>
/// One ground-truth annotation as COCOeval sees it: its id (a match is recorded by this id, so id 0 counts as no
/// match, exactly as in pycocotools), its box, the <c>area</c> field as given (used for the area ranges), and crowd.
/// </summary>
public readonly record struct GroundTruthObject(long Id, long ImageId, long CategoryId, BoxXywh Box, double Area, bool IsCrowd);

/// <summary>
/// One detection: box (for segm: the box the results loader derived), area (bbox: w·h; segm: mask area, as
/// pycocotools' loadRes sets it) and confidence. Detections are numbered 1..N in input order.
/// </summary>
public readonly record struct DetectedObject(long ImageId, long CategoryId, BoxXywh Box, double Area, double Score);
