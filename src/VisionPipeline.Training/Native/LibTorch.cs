using TorchSharp;

namespace VisionPipeline.Training.Native;

/// <summary>Loads libtorch once and says clearly why when it cannot.</summary>
public static class LibTorch
{
    private static readonly Lazy<string?> Failure = new(TryLoad);

    /// <summary>Throws <see cref="InvalidOperationException"/> with the loader's reason when libtorch cannot be loaded.</summary>
    public static void EnsureLoaded()
    {
        if (Failure.Value is { } reason)
            throw new InvalidOperationException($"libtorch could not be loaded: {reason}");
    }

    /// <summary>libtorch's version as it reports itself (e.g. "2.10.0").</summary>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            return torch.__version__;
        }
    }

    private static string? TryLoad()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            return null;
        }
        catch (Exception e)
        {
            var inner = e;
            while (inner.InnerException is not null) inner = inner.InnerException;
            return inner.Message.ReplaceLineEndings(" ");
        }
    }
}
