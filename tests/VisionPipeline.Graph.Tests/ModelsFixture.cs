using VisionPipeline.Graph.Models;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Inference.Zoo;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Graph.Tests;

/// <summary>The real zoo models, loaded once for a test class.</summary>
public sealed class ModelsFixture : IDisposable
{
    public ModelCatalog Catalog { get; } = new(new ModelStore(RepoPaths.Models), new EngineOptions { IntraOpThreads = 2 });

    public void Dispose() => Catalog.Dispose();
}
