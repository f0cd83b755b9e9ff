using System.CommandLine;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Zoo;

namespace VisionPipeline.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string?> Models() => new("--models")
    {
        Description = $"Model zoo folder holding zoo.json (default: $VISION_MODELS, else ./models found walking up)",
    };

    public static Option<string> Device() => new("--device")
    {
        Description = "cpu or cuda (ONNX Runtime models; falls back to cpu with a warning)",
        DefaultValueFactory = _ => "cpu",
    };

    public static DeviceKind ParseDevice(ParseResult result, Option<string> device)
    {
        try { return EngineOptions.ParseDevice(result.GetValue(device)); }
        catch (ArgumentException e) { throw new Core.Errors.ConfigurationException(null, e.Message); }
    }

    public static Option<int> Batch() => new("--batch")
    {
        Description = "Dynamic batching: combine up to B images' runs of each model that has a free batch dimension (raises --workers to at least B)",
        DefaultValueFactory = _ => 1,
    };

    public static Option<double> BatchWait() => new("--batch-wait")
    {
        Description = "Milliseconds a run waits for others to fill its batch",
        DefaultValueFactory = _ => 5,
    };

    /// <summary>The --batch and --batch-wait values, checked.</summary>
    public static (int Batch, TimeSpan Wait) Batching(ParseResult result, Option<int> batch, Option<double> wait)
    {
        int b = result.GetValue(batch);
        double ms = result.GetValue(wait);
        if (b < 1) throw new Core.Errors.ConfigurationException(null, "--batch must be 1 (no batching) or more");
        if (ms < 0 || double.IsNaN(ms)) throw new Core.Errors.ConfigurationException(null, "--batch-wait must be 0 ms or more");
        return (b, TimeSpan.FromMilliseconds(ms));
    }

    public static ModelStore OpenStore(ParseResult result, Option<string?> models) =>
        ModelStore.Locate(result.GetValue(models));
}
