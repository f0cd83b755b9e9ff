using BenchmarkDotNet.Running;
using VisionPipeline.Benchmarks.Augmentation;

if (args.Length > 0 && args[0] == "--augment-medians")
{
    InterleavedMedians.Run(args.Length > 1 ? int.Parse(args[1]) : 400);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
