using VisionPipeline.Graph.Models;

namespace VisionPipeline.Graph.Benchmarking;

/// <summary>One engine run: the model (whose <see cref="ModelSession.Engine"/> it ran on) and the names and shapes of the tensors it was given.</summary>
public sealed record ModelCall(ModelSession Session, string[] Names, int[][] Shapes);

/// <summary>One processed image's engine runs, and the worker that made them.</summary>
/// <param name="Image">The image file's full path: repeats of one file share their kept inputs.</param>
public sealed record ImageEngineRuns(string Image, int Worker, IReadOnlyList<ModelCall> Calls)
{
    /// <summary>The full paths of the image files the pipeline's sinks wrote for this image, in the order written.</summary>
    public IReadOnlyList<string> Written { get; init; } = [];
}
