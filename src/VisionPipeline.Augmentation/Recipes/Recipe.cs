namespace VisionPipeline.Augmentation.Recipes;

/// <summary>A validated recipe file: its name, description and the augmenter it describes.</summary>
public sealed record Recipe(string File, string Name, string? Description, Augmenter Augmenter);
