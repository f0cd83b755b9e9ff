using VisionPipeline.Core.Errors;

namespace VisionPipeline.Graph.Definition;

/// <summary>One problem in a pipeline file: where (line and column of the offending key or value; none when unknown), which node, and what is expected.</summary>
public sealed record PipelineError(string File, TextPosition? At, string? Node, string Message)
{
    public override string ToString() =>
        ErrorLine.Format(File, At, $"{(Node is null ? "" : $"node '{Node}': ")}{Message}");
}

/// <summary>The pipeline file is invalid; every problem found is listed, one line each (exit code 2).</summary>
public sealed class PipelineValidationException(IReadOnlyList<PipelineError> errors)
    : ConfigurationException(errors.Count > 0 ? errors[0].File : null, string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<PipelineError> Errors { get; } = errors;

    public override string Message => string.Join(Environment.NewLine, Errors.Select(e => e.ToString()));
}
