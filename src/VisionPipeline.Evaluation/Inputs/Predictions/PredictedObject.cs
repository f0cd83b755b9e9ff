using VisionPipeline.Datasets;

namespace VisionPipeline.Evaluation.Inputs.Predictions;

/// <summary>One detection as a results file gave it; <see cref="Box"/> null when only a segmentation was given.</summary>
public sealed record PredictedObject(long ImageId, long CategoryId, BoxXywh? Box, double Score, VisionPipeline.Datasets.Segmentation? Segmentation);
