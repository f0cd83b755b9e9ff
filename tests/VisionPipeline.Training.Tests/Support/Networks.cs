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

    public static Classifier Classifier(int classes, int seed)
    {
        LibTorch.EnsureLoaded();
        manual_seed(seed);
        var network = new Classifier(classes, ClassifyInput);
        ResNet18Weights.Load(network.Backbone, ZooFiles.ResNet18);
        return Settled(network, ClassifyInput);
    }

    public static Segmenter Segmenter(int classes, int seed)
    {
        LibTorch.EnsureLoaded();
        manual_seed(seed);
        var network = new Segmenter(classes, SegmentInput);
        ResNet18Weights.Load(network.Backbone, ZooFiles.ResNet18);
        return Settled(network, SegmentInput);
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
