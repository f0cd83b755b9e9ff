using System.CommandLine;
using VisionPipeline.Cli.Commands.Eval;

namespace VisionPipeline.Cli.Commands;

/// <summary>`vision eval`: metrics of predictions against ground truth, as tables, JSON and an HTML report.</summary>
internal static class EvalCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr) =>
        new("eval", "Evaluate predictions against ground truth (detection, classification, segmentation)")
        {
            DetectionEvalCommand.Create(stdout, stderr),
            ClassificationEvalCommand.Create(stdout, stderr),
            SegmentationEvalCommand.Create(stdout, stderr),
            EvalBenchmarkCommand.Create(stdout),
        };
}
