using VisionPipeline.Training.Tasks.Classification;
using VisionPipeline.Training.Tasks.Detection;
using VisionPipeline.Training.Tasks.Segmentation;

namespace VisionPipeline.Training.Tasks;

/// <summary>The task of each kind, with its network, loss, metric and export.</summary>
public static class TrainingTasks
{
    public static ITrainingTask Create(TaskKind kind, TaskOptions options) => kind switch
    {
        TaskKind.Classify => new ClassifyTask(options),
        TaskKind.Segment => new SegmentTask(options),
        TaskKind.Detect => new DetectTask(options),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such training task"),
    };
}
