using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Models.Backbones;
using VisionPipeline.Training.Models.Classification;
using VisionPipeline.Training.Models.Segmentation;
using VisionPipeline.Training.Native;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Support;

/// <summary>Networks as training leaves them: pretrained backbone, seeded random head, batch norms with their own running statistics, eval mode.</summary>
internal static class Networks
{
    /// <summary>The classify decoder's default input (ImageNet mean/std, centre crop), small.</summary>
    public static readonly TensorSpec ClassifyInput = new()
    {
        Name = "images", Width = 96, Height = 96, Resize = ResizeMode.CenterCrop, Colors = ColorOrder.Rgb, Scale = 1 / 255f,
        Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f],
    };

    /// <summary>The semantic decoder's default input (ImageNet mean/std, stretched), small and not square.</summary>
    public static readonly TensorSpec SegmentInput = ClassifyInput with { Width = 96, Height = 64, Resize = ResizeMode.Stretch };

    public static Classifier Classifier(int classes, int seed) => Pretrained(() => new Classifier(classes, ClassifyInput), ClassifyInput, seed);

    public static Segmenter Segmenter(int classes, int seed) => Pretrained(() => new Segmenter(classes, SegmentInput), SegmentInput, seed);

    private static T Pretrained<T>(Func<T> create, TensorSpec spec, int seed) where T : ResNetNetwork
    {
        LibTorch.EnsureLoaded();
        manual_seed(seed);
        var network = create();
        ResNet18Weights.Load(network.Backbone, ZooFiles.ResNet18);
        return Settled(network, spec);
    }

    /// <summary>
    /// The members' softmax over classes (axis 1) on one image, averaged; asserts the members differ, or the test would
    /// not tell a mean from one member.
    /// </summary>
    public static Tensor MeanProbabilities(float[] pixels, TensorSpec spec, params ResNetNetwork[] members)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var x = tensor(pixels, [1, 3, spec.Height, spec.Width]);
        var probabilities = members.Select(m => m.forward(x).softmax(1)).ToList();
        Assert.True((probabilities[0] - probabilities[1]).abs().max().item<float>() > 1e-3, "the members agree exactly");
        return stack(probabilities).mean([0L]).MoveToOuterDisposeScope();
    }

    /// <summary>A few training-mode forwards (moving every batch norm's running statistics), then eval mode.</summary>
    private static T Settled<T>(T network, TensorSpec spec) where T : nn.Module<Tensor, Tensor>
    {
        network.train();
        using (no_grad())
            for (int i = 0; i < 3; i++)
            {
                using var x = randn(2, 3, spec.Height, spec.Width);
                using var y = network.forward(x);
            }
        network.eval();
        return network;
    }
}
