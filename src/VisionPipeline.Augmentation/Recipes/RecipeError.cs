using VisionPipeline.Core.Errors;

namespace VisionPipeline.Augmentation.Recipes;

/// <summary>One problem in a recipe file: where and what is expected.</summary>
public sealed record RecipeError(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>The recipe file is invalid; every problem found is listed, one line each (exit code 2).</summary>
public sealed class RecipeValidationException(IReadOnlyList<RecipeError> errors)
    : ConfigurationException(errors.Count > 0 ? errors[0].File : null, string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<RecipeError> Errors { get; } = errors;

    public override string Message => string.Join(Environment.NewLine, Errors.Select(e => e.ToString()));
}
