using System.Diagnostics;
using VisionPipeline.Training.Models.Detection;
using VisionPipeline.Training.Tasks;
using VisionPipeline.Training.Tasks.Detection;
using Xunit.Abstractions;
using static TorchSharp.torch;
namespace VisionPipeline.Training.Tests.Detection;
public sealed class Scratch(ITestOutputHelper o)
{
    [Fact]
    public void Profile()
    {
        manual_seed(1);
        o.WriteLine($"threads {get_num_threads()}");
        var task = new DetectTask(new TaskOptions { Classes = SyntheticShapes.Classes, ImageSize = 128 }, () => new TinyBackbone());
        using var batch = SyntheticShapes.ToBatch(SyntheticShapes.Generate(16, 128, seed: 3), task.InputSpec);
        var net = task.CreateNetwork(); net.train();
        var anchors = DetectTask.AnchorsFor(batch.Images);
        for (int mode = 0; mode < 3; mode++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime; var sw = Stopwatch.StartNew();
            for (int i = 0; i < 5; i++)
            {
                using var scope = NewDisposeScope();
                var raw = net.forward(batch.Images);
                if (mode == 0) raw.sum().backward();
                else if (mode == 1) { using (no_grad()) task.LossFunction.Compute(raw.detach(), anchors, batch.Boxes!); raw.sum().backward(); }
                else task.Loss(net, batch).backward();
            }
            o.WriteLine($"mode {mode}: {sw.ElapsedMilliseconds / 5} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / 5:F0} ms cpu per batch");
        }
    }
}
