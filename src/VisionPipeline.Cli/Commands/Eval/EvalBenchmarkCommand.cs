using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using VisionPipeline.Cli.Terminal;
using VisionPipeline.Evaluation.Detection.Coco;

namespace VisionPipeline.Cli.Commands.Eval;

/// <summary>`vision eval benchmark`: the COCO evaluator's time and memory on a generated problem of a given size.</summary>
internal static class EvalBenchmarkCommand
{
    public static Command Create(TextWriter stdout)
    {
        var images = new Option<int>("--images") { Description = "Images", DefaultValueFactory = _ => 5000 };
        var boxes = new Option<int>("--boxes") { Description = "Ground-truth boxes per image", DefaultValueFactory = _ => 20 };
        var detections = new Option<int>("--detections") { Description = "Detections per image", DefaultValueFactory = _ => 100 };
        var classes = new Option<int>("--classes") { Description = "Classes", DefaultValueFactory = _ => 80 };
        var command = new Command("benchmark", "Time and peak memory of COCO bbox evaluation on a generated problem (default 5000 images × 20 boxes × 100 detections, 80 classes)")
        {
            images, boxes, detections, classes,
        };
        command.SetAction(result =>
        {
            var generate = Stopwatch.StartNew();
            var problem = SyntheticProblem.Generate(result.GetValue(images), result.GetValue(boxes), result.GetValue(detections), result.GetValue(classes));
            generate.Stop();
            long before = Environment.WorkingSet;
            using var self = Process.GetCurrentProcess();
            var cpuBefore = self.TotalProcessorTime;
            var evaluate = Stopwatch.StartNew();
            var evaluation = CocoEvaluator.Evaluate(problem, new BoxIouMeasure(problem.Detections, problem.GroundTruths));
            var summary = evaluation.Summarize();
            evaluate.Stop();
            self.Refresh();
            var cpu = self.TotalProcessorTime - cpuBefore;
            new TextTable("measure", "value")
                .Add("images", problem.ImageIds.Count)
                .Add("ground truths", problem.GroundTruths.Count)
                .Add("detections", problem.Detections.Count)
                .Add("classes", problem.CategoryIds.Count)
                .Add("cores", Environment.ProcessorCount)
                .Add("evaluate + accumulate + summarize (s)", evaluate.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture))
                .Add("  CPU time, all threads (s)", cpu.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture))
                .Add("generating the problem (s)", generate.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture))
                .Add("resident memory before evaluation (MB)", before / (1 << 20))
                .Add("peak resident memory (MB)", self.PeakWorkingSet64 / (1 << 20))
                .Add("AP (a check that the work was done)", summary.AP.ToString("0.0000", CultureInfo.InvariantCulture))
                .Write(stdout);
            return VisionApp.Success;
        });
        return command;
    }
}
