using TorchSharp;
using TorchSharp.Modules;

namespace VisionPipeline.Training.Loop;

/// <summary>
/// The optimiser over a network's trainable parameters. Weight decay (the L2 penalty) applies to the weights of
/// convolutions and linear layers only; biases and batch-norm scales are left free, as is usual.
/// </summary>
public static class OptimizerFactory
{
    public static torch.optim.Optimizer Create(torch.nn.Module network, TrainerOptions options)
    {
        var trainable = network.parameters().Where(p => p.requires_grad).ToList();
        if (trainable.Count == 0) throw new InvalidOperationException("the network has no trainable parameter");
        var decayed = trainable.Where(p => p.dim() > 1).ToList();
        var free = trainable.Where(p => p.dim() <= 1).ToList();
        double lr = options.LearningRate;
        return options.Optimizer switch
        {
            OptimizerKind.Sgd => torch.optim.SGD(new[]
            {
                new SGD.ParamGroup(decayed, lr, options.Momentum, 0, options.WeightDecay, options.Nesterov, false),
                new SGD.ParamGroup(free, lr, options.Momentum, 0, 0, options.Nesterov, false),
            }.Where(g => g.Parameters.Any()), lr, options.Momentum, 0, 0, options.Nesterov, false),
            _ => torch.optim.AdamW(new[]
            {
                new AdamW.ParamGroup(decayed, lr, 0.9, 0.999, 1e-8, options.WeightDecay, false, false),
                new AdamW.ParamGroup(free, lr, 0.9, 0.999, 1e-8, 0, false, false),
            }.Where(g => g.Parameters.Any()), lr, 0.9, 0.999, 1e-8, 0, false, false),
        };
    }

    /// <summary>Sets every parameter group's learning rate.</summary>
    public static void SetLearningRate(torch.optim.Optimizer optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }
}
