using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Core.Targets;

/// <summary>A feature vector for the whole frame, or for the region <see cref="Box"/> of it.</summary>
public sealed record Embedding(string Node, float[] Vector, BoxF? Box = null);
