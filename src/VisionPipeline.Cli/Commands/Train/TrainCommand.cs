using System.CommandLine;
using System.Globalization;
using VisionPipeline.Cli.Terminal;
using VisionPipeline.Training;
using VisionPipeline.Training.Loop;
using VisionPipeline.Training.Tasks;
using VisionPipeline.Zoo;

namespace VisionPipeline.Cli.Commands.Train;

/// <summary>
/// `vision train classify|detect|segment`: trains a CNN on the CPU from the zoo's ResNet18 (through the library's
/// front door, <see cref="TrainingRun"/>), then evaluates the exported model on the held-out split with the same code
/// as `vision eval` and writes report.html.
/// </summary>
internal static class TrainCommand
{
    /// <summary>The zoo model whose weights start every backbone.</summary>
    public const string PretrainedId = "resnet18";

    public static Command Create(TextWriter stdout, TextWriter stderr) =>
        new("train", "Train a CNN on your labelled images (CPU, TorchSharp) and export it as ONNX for run, eval and live")
        {
            Task(TaskKind.Classify, "classify", "Image classes: fine-tune the pretrained ResNet18 with a new head (ImageFolder data)", stdout, stderr),
            Task(TaskKind.Detect, "detect", "Boxes: pretrained ResNet18 + FPN + an anchor-free head, exported in YOLOv8's layout (COCO, YOLO or VOC data)", stdout, stderr),
            Task(TaskKind.Segment, "segment", "Per-pixel classes: pretrained ResNet18 encoder + a light decoder (mask folders or COCO masks)", stdout, stderr),
        };

    private static Command Task(TaskKind kind, string name, string description, TextWriter stdout, TextWriter stderr)
    {
        var options = new TrainOptionSet();
        var command = new Command(name, description);
        foreach (var option in options.All()) command.Options.Add(option);
        command.SetAction(result =>
        {
            OpenCvLog.QuietUnlessAsked();
            var store = CommonOptions.OpenStore(result, options.Models);
            var pretrained = result.GetValue(options.NoPretrained) ? null : Pretrained(store);
            var request = options.Request(result, kind, pretrained);
            if (result.GetValue(options.Bench)) return TrainBench.Run(request, result.GetValue(options.BenchSteps), result.GetValue(options.BenchRounds), result.GetValue(options.Json), stdout);
            using var ctrlC = new CtrlC(stderr, "finishing the current step, then saving the best model and a checkpoint");
            var progress = new TrainProgress(stdout, stderr, !Console.IsErrorRedirected);
            using var outcome = TrainingRun.Run(request, progress.Callbacks, ctrlC.Token);
            progress.Finish();

            var evaluation = outcome.Exported ? TrainEvaluation.Run(outcome, result.GetValue(options.Models), stderr) : TrainEvaluation.None;
            outcome.WriteSummary(evaluation.Metrics);
            TrainReport.Write(outcome, evaluation);
            var json = TrainJson.Write(result.GetValue(options.Json), outcome, evaluation);
            PrintSummary(stdout, outcome, evaluation);
            if (outcome.Result.Interrupted)
            {
                stderr.WriteLine($"interrupted: continue with the same command and --resume (checkpoint: {outcome.Folder.Checkpoint})");
                return VisionApp.Interrupted;
            }
            return evaluation.Failed ? VisionApp.SomeFailed : VisionApp.Success;
        });
        return command;
    }

    /// <summary>The zoo's ResNet18 file, fetched and checked like any zoo model.</summary>
    private static string Pretrained(ModelStore store) => store.Resolve(PretrainedId);

    private static void PrintSummary(TextWriter stdout, TrainingOutcome outcome, TrainEvaluation evaluation)
    {
        var r = outcome.Result;
        var best = r.Members[0];
        stdout.WriteLine();
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(r.Interrupted ? "interrupted" : "trained")}: {r.History.Count} epochs in {r.Seconds:F1} s ({r.SamplesPerSecond:F0} samples/s); best epoch {best.BestEpoch + 1}{(best.StoppedEarly ? " (stopped early)" : "")}"));
        foreach (var (name, value) in evaluation.Metrics)
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"validation {name}: {value:F4}"));
        if (outcome.Exported)
        {
            stdout.WriteLine($"model: {outcome.Folder.Model}");
            stdout.WriteLine($"report: {outcome.Folder.Report}");
            stdout.WriteLine($"held-out split: {outcome.ValidationTruth} (vision eval {EvalKind(outcome.Task.Kind)} --gt {outcome.ValidationTruth} --model {outcome.Folder.Model})");
        }
    }

    public static string EvalKind(TaskKind task) => task switch
    {
        TaskKind.Classify => "classification",
        TaskKind.Detect => "detection",
        _ => "segmentation",
    };
}
