using VisionPipeline.Training.Tasks;

namespace VisionPipeline.Training.Data;

/// <summary>One image ready for a batch: its packed pixels (C×H×W) and its target.</summary>
public sealed record EncodedSample(float[] Pixels, int Label, DetectionTarget[]? Boxes, byte[]? Mask);
