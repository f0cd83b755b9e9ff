using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Tasks;

/// <summary>A stand-in network whose output is fixed, to check losses and metrics on known predictions.</summary>
internal sealed class FixedOutput(Tensor output) : nn.Module<Tensor, Tensor>(nameof(FixedOutput))
{
    public override Tensor forward(Tensor x) => output.clone();
}
