using System.CommandLine;
using VisionPipeline.Core.Errors;
using VisionPipeline.Training;
using VisionPipeline.Training.Loop;
using VisionPipeline.Training.Tasks;

namespace VisionPipeline.Cli.Commands.Train;

/// <summary>The options of `vision train`, and the request they make. Settings left out take the task's defaults.</summary>
internal sealed class TrainOptionSet
{
    public Option<string> Data { get; } = new("--data", "-d") { Description = "Labelled dataset: ImageFolder (classify); COCO, YOLO or VOC (detect); mask folders or COCO polygons/RLE (segment)", Required = true };
    public Option<string?> Format { get; } = new("--format", "-f") { Description = "Dataset format (coco|yolo|voc|imagefolder|masks); guessed when left out" };
    public Option<string?> Images { get; } = new("--images") { Description = "COCO only: folder that file_name is relative to" };
    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Output folder: model.onnx, checkpoint/, metrics.jsonl, training.json, report.html, validation/ (required unless --bench)" };
    public Option<int?> ImageSize { get; } = new("--imgsz") { Description = "Square training and model input size, a multiple of 32 (default: from the images' median size)" };
    public Option<int?> Epochs { get; } = new("--epochs") { Description = "Most epochs to train (default: classify 15, detect and segment 20)" };
    public Option<int?> Batch { get; } = new("--batch") { Description = "Minibatch size (default: classify 32, detect 16, segment 16)" };
    public Option<string> Optimizer { get; } = new("--optimizer") { Description = "sgd (momentum) or adamw", DefaultValueFactory = _ => "adamw" };
    public Option<double?> LearningRate { get; } = new("--lr") { Description = "Peak learning rate (default: sgd 0.01; adamw classify 0.0003, detect 0.001, segment 0.002)" };
    public Option<double> Momentum { get; } = new("--momentum") { Description = "SGD momentum", DefaultValueFactory = _ => 0.9 };
    public Option<bool> Nesterov { get; } = new("--nesterov") { Description = "SGD with Nesterov momentum" };
    public Option<double?> WeightDecay { get; } = new("--weight-decay") { Description = "L2 penalty on conv/linear weights (default: sgd 5e-4, adamw 0.05, decoupled)" };
    public Option<double> L1 { get; } = new("--l1") { Description = "L1 penalty λ·Σ|w| on conv/linear weights", DefaultValueFactory = _ => 0 };
    public Option<string> Schedule { get; } = new("--schedule") { Description = "Learning-rate schedule after warm-up: cosine, step or constant", DefaultValueFactory = _ => "cosine" };
    public Option<double> Warmup { get; } = new("--warmup") { Description = "Warm-up epochs (linear from 0)", DefaultValueFactory = _ => 1 };
    public Option<int> StepEpochs { get; } = new("--step-epochs") { Description = "Step schedule: epochs between drops", DefaultValueFactory = _ => 10 };
    public Option<double> StepGamma { get; } = new("--step-gamma") { Description = "Step schedule: factor at each drop", DefaultValueFactory = _ => 0.1 };
    public Option<double> Dropout { get; } = new("--dropout") { Description = "Dropout before the last layer", DefaultValueFactory = _ => 0.2 };
    public Option<double> LabelSmoothing { get; } = new("--label-smoothing") { Description = "Cross-entropy label smoothing (classify, segment)", DefaultValueFactory = _ => 0 };
    public Option<string> ClassWeights { get; } = new("--class-weights") { Description = "none, balanced (inverse class frequency) or one weight per class, comma-separated", DefaultValueFactory = _ => "none" };
    public Option<double> Noise { get; } = new("--noise") { Description = "Gaussian noise std added to training inputs, in 0–1 pixel units", DefaultValueFactory = _ => 0 };
    public Option<double> Adversarial { get; } = new("--adversarial") { Description = "FGSM adversarial training with this ε (0–1 pixel units)", DefaultValueFactory = _ => 0 };
    public Option<int> Patience { get; } = new("--patience") { Description = "Stop after this many epochs without a better validation metric (0: never)", DefaultValueFactory = _ => 8 };
    public Option<double> ValidationSplit { get; } = new("--val-split") { Description = "Share held out for validation when the dataset has no split of its own (stratified per class)", DefaultValueFactory = _ => 0.2 };
    public Option<string?> Augment { get; } = new("--augment") { Description = "Augmentation recipe (built-in name or .yaml) or none (default: classify 'classification', else 'detection')" };
    public Option<int> Ensemble { get; } = new("--ensemble") { Description = "Bagging: K models on bootstrap samples, averaged inside the exported model", DefaultValueFactory = _ => 1 };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of weights, data order, augmentation and dropout", DefaultValueFactory = _ => 0 };
    public Option<int?> Workers { get; } = new("--workers") { Description = "Threads decoding and augmenting images beside the training (default: cores − 1, at least 1)" };
    public Option<int> Threads { get; } = new("--threads") { Description = "TorchSharp compute threads (0: libtorch's choice)", DefaultValueFactory = _ => 0 };
    public Option<bool> FreezeBackbone { get; } = new("--freeze-backbone") { Description = "Train only the new head (a linear probe for classify)" };
    public Option<bool> NoPretrained { get; } = new("--no-pretrained") { Description = "Start the backbone from random weights instead of the zoo's ResNet18" };
    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue the run in the output folder from its checkpoint" };
    public Option<bool> Overwrite { get; } = new("--overwrite") { Description = "Replace the training files of an output folder that exists" };
    public Option<string?> Json { get; } = new("--json") { Description = "Also write the run's summary as JSON to this file" };
    public Option<string?> Models { get; } = CommonOptions.Models();
    public Option<bool> Bench { get; } = new("--bench") { Description = "Measure the trainer's samples/s against a bare TorchSharp loop of the same network on a pre-made batch; trains nothing to keep" };
    public Option<int> BenchSteps { get; } = new("--bench-steps") { Description = "--bench: training steps per round", DefaultValueFactory = _ => 20 };
    public Option<int> BenchRounds { get; } = new("--bench-rounds") { Description = "--bench: rounds (trainer and bare loop alternate)", DefaultValueFactory = _ => 3 };

    public IEnumerable<Option> All() =>
    [
        Data, Format, Images, Output, ImageSize, Epochs, Batch, Optimizer, LearningRate, Momentum, Nesterov, WeightDecay, L1, Schedule,
        Warmup, StepEpochs, StepGamma, Dropout, LabelSmoothing, ClassWeights, Noise, Adversarial, Patience, ValidationSplit, Augment,
        Ensemble, Seed, Workers, Threads, FreezeBackbone, NoPretrained, Resume, Overwrite, Json, Models, Bench, BenchSteps, BenchRounds,
    ];

    public TrainingRequest Request(ParseResult r, TaskKind task, string? pretrained)
    {
        var optimizer = r.GetValue(Optimizer) switch
        {
            "sgd" => OptimizerKind.Sgd,
            "adamw" => OptimizerKind.AdamW,
            var other => throw new ConfigurationException(null, $"--optimizer must be sgd or adamw, got '{other}'"),
        };
        var schedule = r.GetValue(Schedule) switch
        {
            "cosine" => ScheduleKind.Cosine,
            "step" => ScheduleKind.Step,
            "constant" => ScheduleKind.Constant,
            var other => throw new ConfigurationException(null, $"--schedule must be cosine, step or constant, got '{other}'"),
        };
        var defaults = TaskDefaults.For(task);
        var trainer = new TrainerOptions
        {
            Epochs = Positive(r.GetValue(Epochs) ?? defaults.Epochs, "--epochs"),
            BatchSize = Positive(r.GetValue(Batch) ?? defaults.Batch, "--batch"),
            Optimizer = optimizer,
            LearningRate = PositiveNumber(r.GetValue(LearningRate) ?? (optimizer == OptimizerKind.Sgd ? 0.01 : defaults.AdamWRate), "--lr"),
            Momentum = Range(r.GetValue(Momentum), 0, 1, "--momentum"),
            Nesterov = r.GetValue(Nesterov),
            WeightDecay = AtLeastZero(r.GetValue(WeightDecay) ?? (optimizer == OptimizerKind.Sgd ? 5e-4 : 0.05), "--weight-decay"),
            L1 = AtLeastZero(r.GetValue(L1), "--l1"),
            Schedule = schedule,
            WarmupEpochs = AtLeastZero(r.GetValue(Warmup), "--warmup"),
            StepEpochs = Positive(r.GetValue(StepEpochs), "--step-epochs"),
            StepGamma = Range(r.GetValue(StepGamma), 0, 1, "--step-gamma"),
            InputNoise = AtLeastZero(r.GetValue(Noise), "--noise"),
            AdversarialEpsilon = AtLeastZero(r.GetValue(Adversarial), "--adversarial"),
            Patience = (int)AtLeastZero(r.GetValue(Patience), "--patience"),
            Ensemble = Positive(r.GetValue(Ensemble), "--ensemble"),
            Seed = r.GetValue(Seed),
            LoaderWorkers = Positive(r.GetValue(Workers) ?? Math.Max(1, Environment.ProcessorCount - 1), "--workers"),
            Threads = (int)AtLeastZero(r.GetValue(Threads), "--threads"),
        };
        return new TrainingRequest
        {
            Task = task,
            Data = r.GetValue(Data)!,
            Format = r.GetValue(Format),
            Images = r.GetValue(Images),
            Output = r.GetValue(Output) ?? (r.GetValue(Bench) ? Path.Combine(Path.GetTempPath(), $"vision-train-bench-{Guid.NewGuid():N}")
                : throw new ConfigurationException(null, "--output is required: the folder the model, checkpoint and reports go to")),
            ImageSize = r.GetValue(ImageSize),
            ValidationShare = Range(r.GetValue(ValidationSplit), 0, 1, "--val-split", exclusive: true),
            Augment = r.GetValue(Augment),
            PretrainedBackbone = r.GetValue(NoPretrained) ? null : pretrained,
            FreezeBackbone = r.GetValue(FreezeBackbone),
            Dropout = Range(r.GetValue(Dropout), 0, 1, "--dropout", exclusive: false, upperExclusive: true),
            LabelSmoothing = Range(r.GetValue(LabelSmoothing), 0, 1, "--label-smoothing", exclusive: false, upperExclusive: true),
            ClassWeights = r.GetValue(ClassWeights)!,
            Trainer = trainer,
            Resume = r.GetValue(Resume),
            Overwrite = r.GetValue(Overwrite),
        };
    }

    /// <summary>
    /// A task's defaults, measured on the synthetic sets: each demo trains in under 10 minutes on 2 cores; the pretrained
    /// backbone with a small new head (classify) needs a gentle AdamW rate, the larger new decoders of detect and
    /// segment learn faster with more.
    /// </summary>
    private sealed record TaskDefaults(int Epochs, int Batch, double AdamWRate)
    {
        public static TaskDefaults For(TaskKind task) => task switch
        {
            TaskKind.Classify => new(15, 32, 3e-4),
            TaskKind.Detect => new(20, 16, 1e-3),
            _ => new(20, 16, 2e-3),
        };
    }

    private static int Positive(int value, string name) =>
        value >= 1 ? value : throw new ConfigurationException(null, $"{name} must be 1 or more, got {value}");

    private static double PositiveNumber(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new ConfigurationException(null, $"{name} must be a number above 0, got {value}");

    private static double AtLeastZero(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ConfigurationException(null, $"{name} must be 0 or more, got {value}");

    private static double Range(double value, double low, double high, string name, bool exclusive = false, bool upperExclusive = false)
    {
        bool lowOk = exclusive ? value > low : value >= low;
        bool highOk = exclusive || upperExclusive ? value < high : value <= high;
        return lowOk && highOk && double.IsFinite(value)
            ? value
            : throw new ConfigurationException(null, $"{name} must lie {(exclusive ? "strictly " : "")}between {low} and {high}, got {value}");
    }
}
