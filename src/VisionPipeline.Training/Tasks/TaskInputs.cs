using TorchSharp;
using VisionPipeline.Core.Tensors;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tasks;

/// <summary>What the tasks share about their inputs and members.</summary>
internal static class TaskInputs
{
    /// <summary>torchvision's preprocessing (the classify and semantic decoders' default): RGB 0–1, ImageNet mean and std.</summary>
    public static TensorSpec ImageNet(int size, ResizeMode resize)
    {
        if (size <= 0 || size % 32 != 0) throw new ArgumentException($"the image size must be a positive multiple of 32, not {size}");
        return new TensorSpec
        {
            Name = "images", Width = size, Height = size, Resize = resize, Colors = ColorOrder.Rgb, Scale = 1 / 255f,
            Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f],
        };
    }

    /// <summary>The members as the task's own network type, or a clear error.</summary>
    public static IReadOnlyList<T> Members<T>(IReadOnlyList<nn.Module<Tensor, Tensor>> members) where T : nn.Module<Tensor, Tensor> =>
        members.Select((m, i) => m as T ?? throw new ArgumentException($"member {i} is a {m.GetType().Name}, not a {typeof(T).Name} this task created")).ToList();
}
