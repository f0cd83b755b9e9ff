using System.CommandLine;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Inference.Zoo;

namespace VisionPipeline.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string?> Models() => new("--models")
    {
        Description = $"Model zoo folder holding zoo.json (default: $VISION_MODELS, else ./models found walking up)",
    };

    public static ModelStore OpenStore(ParseResult result, Option<string?> models) =>
        ModelStore.Locate(result.GetValue(models));
}
