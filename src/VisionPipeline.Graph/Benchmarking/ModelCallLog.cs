using VisionPipeline.Graph.Models;

namespace VisionPipeline.Graph.Benchmarking;

/// <summary>One engine run: the model and the names and shapes of the tensors it was given.</summary>
public sealed record ModelCall(ModelSession Session, string[] Names, int[][] Shapes);

/// <summary>One processed image's engine runs, and the worker that made them.</summary>
/// <param name="Image">The image file's full path: repeats of one file share their kept inputs.</param>
public sealed record ImageEngineRuns(string Image, int Worker, IReadOnlyList<ModelCall> Calls);

/// <summary>
/// Records the engine runs made on the current thread while a frame goes through the graph (each frame runs on
/// one worker thread), so `vision bench` can replay exactly the same runs on pre-made tensors: the engine floor.
/// </summary>
public static class ModelCallLog
{
    [ThreadStatic] private static List<ModelCall>? _current;

    [ThreadStatic] private static ModelInputSamples.ImageInputs? _samples;

    public static List<ModelCall>? Current
    {
        get => _current;
        set => _current = value;
    }

    /// <summary>Where the engine runs of the thread's current image leave their inputs; null when not kept.</summary>
    public static ModelInputSamples.ImageInputs? Samples
    {
        get => _samples;
        set => _samples = value;
    }
}
