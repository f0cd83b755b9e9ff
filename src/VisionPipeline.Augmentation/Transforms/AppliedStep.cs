namespace VisionPipeline.Augmentation.Transforms;

/// <summary>One transform applied to a sample: its position in the recipe (depth first), its name, its parameters.</summary>
public sealed record AppliedStep(int Transform, string Name, TransformParams Params);
