using VisionPipeline.TestSupport;
using VisionPipeline.Zoo;

namespace VisionPipeline.Inference.Tests;

/// <summary>The real model zoo in models/ (fetched by scripts/setup.sh).</summary>
public static class Zoo
{
    public static ModelStore Store { get; } = new(RepoPaths.Models);

    public static IEnumerable<object[]> ModelIds() =>
        Store.Manifest.Models.Where(m => m.IsModel).Select(m => new object[] { m.Id });
}
