using VisionPipeline.Core.Errors;

namespace VisionPipeline.Augmentation.Recipes;

/// <summary>One problem in a recipe file: where (line and column of the offending key or value; none when unknown) and what is expected.</summary>
public sealed record RecipeError(string File, TextPosition? At, string Message)
{
    public override string ToString() => ErrorLine.Format(File, At, Message);

    /// <summary>The position of a YAML node's start.</summary>
    internal static TextPosition Of(YamlDotNet.RepresentationModel.YamlNode node) => Core.Yaml.YamlDocuments.At(node);
}

/// <summary>The recipe file is invalid; every problem found is listed, one line each (exit code 2).</summary>
public sealed class RecipeValidationException(IReadOnlyList<RecipeError> errors)
    : ConfigurationException(errors.Count > 0 ? errors[0].File : null, string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<RecipeError> Errors { get; } = errors;

    public override string Message => string.Join(Environment.NewLine, Errors.Select(e => e.ToString()));
}
