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

    public static List<ModelCall>? Current
    {
        get => _current;
        set => _current = value;
    }
}
