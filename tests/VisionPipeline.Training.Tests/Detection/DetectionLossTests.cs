using VisionPipeline.Training.Models.Detection;
using VisionPipeline.Training.Native;
using VisionPipeline.Training.Tasks;
using VisionPipeline.Training.Tasks.Detection;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Detection;

public sealed class DetectionLossTests
{
    [Fact]
    public void The_raw_output_has_one_column_per_anchor_and_decodes_to_boxes_about_the_anchors()
    {
        LibTorch.EnsureLoaded();
        manual_seed(1);
        using var scope = NewDisposeScope();
        var network = new DetectionNetwork(new TinyBackbone(), classes: 3, inputSize: (96, 128));
        var raw = network.forward(rand(2, 3, 96, 128));
        var anchors = new AnchorPoints(96, 128, DetectionNetwork.LevelStrides);
        Assert.Equal(new long[] { 2, 7, 12 * 16 + 6 * 8 + 3 * 4 }, raw.shape);
        var decoded = DetectionNetwork.Decode(raw, anchors);
        var xyxy = DetectionNetwork.BoxesXyxy(raw, anchors.Centres(), anchors.StrideTensor());
        // cx, cy, w, h from the decoded rows equal the corners' midpoints and sides.
        Assert.True(decoded[.., 0].allclose((xyxy[.., .., 0] + xyxy[.., .., 2]) / 2, atol: 1e-4));
        Assert.True(decoded[.., 3].allclose(xyxy[.., .., 3] - xyxy[.., .., 1], atol: 1e-4));
        Assert.True((decoded[.., 2] > 0).all().item<bool>());
        Assert.True(decoded[.., 4..].allclose(raw[.., 4..].sigmoid()));
    }

    [Fact]
    public void Loss_decreases_on_one_batch_over_steps()
    {
        LibTorch.EnsureLoaded();
        manual_seed(2);
        var task = new DetectTask(new TaskOptions { Classes = SyntheticShapes.Classes, ImageSize = 64 }, () => new TinyBackbone());
        using var batch = SyntheticShapes.ToBatch(SyntheticShapes.Generate(4, 64, seed: 3), task.InputSpec);
        var network = task.CreateNetwork();
        network.train();
        using var optimizer = optim.AdamW(network.parameters(), lr: 0.003);
        var losses = new List<float>();
        for (int step = 0; step < 30; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = task.Loss(network, batch);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }
        Assert.All(losses, l => Assert.True(float.IsFinite(l) && l > 0));
        Assert.True(losses.TakeLast(3).Average() < 0.5 * losses.Take(3).Average(), $"losses: {string.Join(", ", losses.Select(l => l.ToString("F3")))}");
    }
}
