using System.Globalization;
using VisionPipeline.Cli.Commands.Eval;
using VisionPipeline.Cli.Terminal;
using VisionPipeline.Core.Errors;
using VisionPipeline.Training;
using VisionPipeline.Training.Benchmarking;

namespace VisionPipeline.Cli.Commands.Train;

/// <summary>`vision train … --bench`: the trainer against a bare TorchSharp loop of the same network, side by side.</summary>
internal static class TrainBench
{
    public static int Run(TrainingRequest request, int steps, int rounds, string? json, TextWriter stdout)
    {
        if (steps < 1 || rounds < 1) throw new ConfigurationException(null, "--bench-steps and --bench-rounds must be 1 or more");
        var scratch = request.Output;
        try
        {
            var (task, data, augmenter) = TrainingRun.Prepare(request);
            stdout.WriteLine($"bench: {task.Kind.ToString().ToLowerInvariant()}, input {task.InputSpec.Width}×{task.InputSpec.Height}, batch {request.Trainer.BatchSize}, {steps} steps × {rounds} rounds, augment {(augmenter is null ? "none" : "on")}");
            var table = new TextTable("round", "trainer samples/s", "bare loop samples/s", "ratio");
            int round = 0;
            var result = TrainingBenchmark.Run(task, data, request.Trainer, augmenter, steps, rounds, scratch,
                r => table.Add(++round, F(r.Trainer), F(r.Bare), r.Ratio.ToString("F3", CultureInfo.InvariantCulture)));
            table.Add("all", F(result.TrainerSamplesPerSecond), F(result.BareSamplesPerSecond), result.Ratio.ToString("F3", CultureInfo.InvariantCulture));
            table.Write(stdout);
            if (json is not null)
                EvalOutput.WriteJson(json, w =>
                {
                    w.WriteNumber("trainer_samples_per_s", result.TrainerSamplesPerSecond);
                    w.WriteNumber("bare_samples_per_s", result.BareSamplesPerSecond);
                    w.WriteNumber("ratio", result.Ratio);
                    w.WriteNumber("steps", result.Steps);
                    w.WriteNumber("batch", result.BatchSize);
                    w.WriteStartArray("rounds");
                    foreach (var r in result.Rounds)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("trainer_samples_per_s", r.Trainer);
                        w.WriteNumber("bare_samples_per_s", r.Bare);
                        w.WriteNumber("ratio", r.Ratio);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                });
            return VisionApp.Success;
        }
        finally
        {
            if (Directory.Exists(scratch) && scratch.Contains("vision-train-bench-")) Directory.Delete(scratch, recursive: true);
        }
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
