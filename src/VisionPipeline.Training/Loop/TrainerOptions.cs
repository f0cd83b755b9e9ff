namespace VisionPipeline.Training.Loop;

public enum OptimizerKind { Sgd, AdamW }

public enum ScheduleKind { Cosine, Step, Constant }

/// <summary>How the loop trains: optimisation, regularisation, stopping and data loading. Every field has a default.</summary>
public sealed record TrainerOptions
{
    public int Epochs { get; init; } = 30;
    public int BatchSize { get; init; } = 32;

    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>Peak learning rate (after warm-up).</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>SGD with Nesterov momentum.</summary>
    public bool Nesterov { get; init; }

    /// <summary>L2 penalty on the weights: SGD adds λ·w to the gradient; AdamW decays the weights directly (decoupled).</summary>
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>L1 penalty λ·Σ|w| added to the loss (sparsity); 0 leaves it out.</summary>
    public double L1 { get; init; }

    public ScheduleKind Schedule { get; init; } = ScheduleKind.Cosine;

    /// <summary>Epochs over which the learning rate rises linearly from 0 to its peak.</summary>
    public double WarmupEpochs { get; init; } = 1;

    /// <summary>Step schedule: the rate is multiplied by <see cref="StepGamma"/> every <see cref="StepEpochs"/> epochs.</summary>
    public int StepEpochs { get; init; } = 10;
    public double StepGamma { get; init; } = 0.1;

    /// <summary>Standard deviation of Gaussian noise added to training inputs, in 0–1 pixel units; 0 adds none.</summary>
    public double InputNoise { get; init; }

    /// <summary>FGSM adversarial training: ε in 0–1 pixel units; each step learns from the batch and its adversarial twin. 0 is off.</summary>
    public double AdversarialEpsilon { get; init; }

    /// <summary>Epochs without a better validation metric before training stops; 0 never stops early.</summary>
    public int Patience { get; init; } = 8;

    /// <summary>Bagging: train this many models, each on a bootstrap sample of the training images, averaged in the export.</summary>
    public int Ensemble { get; init; } = 1;

    public int Seed { get; init; }

    /// <summary>Threads that decode and augment images while the network computes.</summary>
    public int LoaderWorkers { get; init; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>TorchSharp's compute threads; 0 keeps libtorch's choice (the processor count).</summary>
    public int Threads { get; init; }
}
