using VisionPipeline.TestSupport;

namespace VisionPipeline.Training.Tests.Support;

/// <summary>The zoo's ResNet18 files in models/files.</summary>
internal static class ZooFiles
{
    public static string ResNet18 => Existing(Path.Combine(RepoPaths.Models, "files", "resnet18", "ResNet18.onnx"));

    public static string ResNetPreprocess => Existing(Path.Combine(RepoPaths.Models, "files", "resnet18-preprocess", "ResNetPreprocess.onnx"));

    private static string Existing(string path)
    {
        Assert.True(File.Exists(path), $"the zoo file {path} is missing (models/files)");
        return path;
    }
}
