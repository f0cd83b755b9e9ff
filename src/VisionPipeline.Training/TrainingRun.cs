using VisionPipeline.Augmentation;
using VisionPipeline.Augmentation.Recipes;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.IO;
using VisionPipeline.Training.Data;
using VisionPipeline.Training.Loop;
using VisionPipeline.Training.Native;
using VisionPipeline.Training.Outputs;
using VisionPipeline.Training.Tasks;

namespace VisionPipeline.Training;

/// <summary>What a caller hears while a run goes on.</summary>
public sealed record TrainingCallbacks
{
    public Action<string>? Warning { get; init; }
    public Action<TrainingData, int>? Started { get; init; }
    public Action<StepProgress>? Step { get; init; }
    public Action<EpochRecord>? Epoch { get; init; }
}

/// <summary>A finished (or interrupted) run: where its files are and what it learned.</summary>
public sealed class TrainingOutcome(TrainingFolder folder, TrainingData data, ITrainingTask task, TrainingResult result,
    string settings, string? validationTruth, bool exported) : IDisposable
{
    public TrainingFolder Folder { get; } = folder;
    public TrainingData Data { get; } = data;
    public ITrainingTask Task { get; } = task;
    public TrainingResult Result { get; } = result;
    public string Settings { get; } = settings;

    /// <summary>The held-out split as `vision eval --gt` takes it; null when nothing was exported.</summary>
    public string? ValidationTruth { get; } = validationTruth;

    /// <summary>model.onnx was written (a run interrupted before its first validation has no model yet).</summary>
    public bool Exported { get; } = exported;

    /// <summary>Writes training.json with the evaluation of the exported model on the held-out split.</summary>
    public void WriteSummary(IReadOnlyDictionary<string, double> evaluation) =>
        TrainingSummary.Write(Folder.Summary, Settings, Data, Task, Result, evaluation);

    public void Dispose() => Result.Dispose();
}

/// <summary>
/// The front door of training: reads the dataset for the task, trains (or resumes) with the request's settings,
/// and writes the output folder — model.onnx (self-describing), checkpoint/, metrics.jsonl, training.json and the
/// held-out split under validation/.
/// </summary>
public static class TrainingRun
{
    public const string NoAugmentation = "none";

    public static TrainingOutcome Run(TrainingRequest request, TrainingCallbacks callbacks, CancellationToken cancel)
    {
        var folder = new TrainingFolder(request.Output);
        var (task, data, augmenter, augmentName) = Open(request, callbacks.Warning);
        var settings = TrainingSummary.Settings(request, task.InputSpec.Width, augmentName, data);
        folder.Prepare(request.Resume, request.Overwrite);
        callbacks.Started?.Invoke(data, task.InputSpec.Width);
        var trainer = new Trainer(task, data, request.Trainer, augmenter)
        {
            Settings = settings,
            StepDone = callbacks.Step,
            Skipped = message => callbacks.Warning?.Invoke($"{message}; left out of its batch"),
            EpochDone = (record, history) =>
            {
                MetricsLog.Write(folder.Metrics, history, task.MetricName);
                callbacks.Epoch?.Invoke(record);
            },
        };
        var result = trainer.Train(folder.Checkpoint, request.Resume, cancel);
        var trained = result.Models.Where((_, i) => result.Members[i].BestEpoch >= 0).ToList();
        string? truth = null;
        if (trained.Count > 0)
        {
            AtomicFile.WriteThrough(folder.Model, ".onnx", path => task.Export(trained, path, Metadata(request, settings)));
            if (Directory.Exists(folder.Validation)) Directory.Delete(folder.Validation, recursive: true);
            truth = ValidationSplitWriter.Write(data, folder.Validation);
        }
        var outcome = new TrainingOutcome(folder, data, task, result, settings, truth, trained.Count > 0);
        outcome.WriteSummary(new Dictionary<string, double>());
        return outcome;
    }

    /// <summary>The task, data and augmentation a request trains with (what a benchmark of it needs).</summary>
    public static (ITrainingTask Task, TrainingData Data, Augmenter? Augmenter) Prepare(TrainingRequest request)
    {
        var (task, data, augmenter, _) = Open(request, warning: null);
        return (task, data, augmenter);
    }

    private static (ITrainingTask, TrainingData, Augmenter?, string) Open(TrainingRequest request, Action<string>? warning)
    {
        LibTorch.EnsureLoaded();
        var data = TrainingData.Open(request.Task, request.Data, request.Format, request.Images, request.ValidationShare, request.Trainer.Seed);
        foreach (var line in data.Warnings) warning?.Invoke(line);
        int size = request.ImageSize ?? ImageSizeChoice.For(request.Task, data.Train);
        if (size < 32 || size % 32 != 0) throw new ConfigurationException(null, $"--imgsz must be a multiple of 32 and at least 32, got {size}");
        var (augmenter, augmentName) = Augmentation(request);
        var task = TrainingTasks.Create(request.Task, new TaskOptions
        {
            Classes = data.Classes,
            ImageSize = size,
            PretrainedBackbone = request.PretrainedBackbone,
            FreezeBackbone = request.FreezeBackbone,
            Dropout = request.Dropout,
            LabelSmoothing = request.LabelSmoothing,
            ClassWeights = ClassWeights.Parse(request.ClassWeights, data),
        });
        return (task, data, augmenter, augmentName);
    }

    private static Dictionary<string, string> Metadata(TrainingRequest request, string settings) => new()
    {
        ["producer"] = "VisionPipeline vision train",
        ["description"] = $"{request.Task.ToString().ToLowerInvariant()} model trained by `vision train` on {Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.Data)))}",
        ["training"] = settings,
    };

    /// <summary>The recipe that augments training images: the one asked for, none, or the task's default.</summary>
    private static (Augmenter?, string) Augmentation(TrainingRequest request)
    {
        var name = request.Augment ?? (request.Task == TaskKind.Classify ? "classification" : BuiltInRecipes.Default);
        if (name == NoAugmentation) return (null, NoAugmentation);
        var recipe = BuiltInRecipes.Load(name);
        return (recipe.Augmenter, recipe.Name);
    }
}
