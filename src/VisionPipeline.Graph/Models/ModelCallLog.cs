namespace VisionPipeline.Graph.Models;

/// <summary>One engine run: the model and the names and shapes of the tensors it was given.</summary>
public sealed record ModelCall(ModelSession Session, string[] Names, int[][] Shapes);

/// <summary>
/// Records the engine runs made on the current thread while a frame goes through the graph (each frame runs on
/// one worker thread), so `vision bench` can replay exactly the same runs on pre-made tensors: the engine floor.
/// </summary>
public static class ModelCallLog
{
    [ThreadStatic] private static List<ModelCall>? _current;

    [ThreadStatic] private static ModelInputSamples? _samples;

    public static List<ModelCall>? Current
    {
        get => _current;
        set => _current = value;
    }

    /// <summary>Where the thread's engine runs leave their first real input of each shape; null when not kept.</summary>
    public static ModelInputSamples? Samples
    {
        get => _samples;
        set => _samples = value;
    }
}
