using System.Diagnostics;
using VisionPipeline.Training.Native;
using VisionPipeline.Training.Tasks;
using VisionPipeline.Training.Tasks.Detection;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Detection;

public sealed class DetectionLearnabilityTests(ITestOutputHelper output)
{
    [Fact]
    public void A_short_training_run_finds_the_shapes_of_held_out_images()
    {
        LibTorch.EnsureLoaded();
        manual_seed(5);
        var clock = Stopwatch.StartNew();
        const int size = 128, batchSize = 12, epochs = 10;
        var task = new DetectTask(new TaskOptions { Classes = SyntheticShapes.Classes, ImageSize = size }, () => new TinyBackbone());
        var train = SyntheticShapes.Generate(120, size, seed: 10).Chunk(batchSize).Select(c => SyntheticShapes.ToBatch(c, task.InputSpec)).ToList();
        var held = SyntheticShapes.Generate(36, size, seed: 11).Chunk(batchSize).Select(c => SyntheticShapes.ToBatch(c, task.InputSpec)).ToList();
        try
        {
            var network = task.CreateNetwork();
            const double rate = 0.005;
            using var optimizer = optim.AdamW(network.parameters(), lr: rate, weight_decay: 1e-4);
            int step = 0, steps = epochs * train.Count;
            ValidationResult? result = null;
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                network.train();
                double sum = 0;
                foreach (var batch in train)
                {
                    using var scope = NewDisposeScope();
                    // Cosine decay to a twentieth: the last epochs settle instead of jumping about.
                    optimizer.ParamGroups.First().LearningRate = rate * (0.05 + 0.95 * 0.5 * (1 + Math.Cos(Math.PI * step++ / steps)));
                    optimizer.zero_grad();
                    var loss = task.Loss(network, batch);
                    loss.backward();
                    optimizer.step();
                    sum += loss.item<float>();
                }
                var validation = task.StartValidation(network);
                foreach (var batch in held) validation.Add(batch);
                result = validation.Finish();
                output.WriteLine($"epoch {epoch}: train loss {sum / train.Count:F3}, val loss {result.Loss:F3}, map50 {result.Metrics["map50"]:F3}, map {result.Metrics["map"]:F3}, {clock.Elapsed.TotalSeconds:F0} s ({Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F0} s CPU)");
            }
            Assert.Equal(result!.Metric, result.Metrics["map50"]);
            Assert.True(result.Metrics["map50"] >= 0.8, $"map50 {result.Metrics["map50"]:F3} after {epochs} epochs");
        }
        finally
        {
            foreach (var b in train.Concat(held)) b.Dispose();
        }
    }
}
