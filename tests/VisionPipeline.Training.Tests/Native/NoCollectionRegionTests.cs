using System.Runtime;
using VisionPipeline.Training.Native;

namespace VisionPipeline.Training.Tests.Native;

/// <summary>
/// The guard against TorchSharp's finalized Scalars being freed mid-call ("Unknown scalar type" after about a thousand
/// steps on the 2-core machine): between two safe points another thread's allocations start no collection.
/// </summary>
public sealed class NoCollectionRegionTests
{
    [Fact]
    public void Another_threads_allocations_start_no_collection_between_safe_points_and_dispose_ends_the_region()
    {
        var region = new NoCollectionRegion();
        try
        {
            for (int step = 0; step < 20; step++)
            {
                region.SafePoint();
                int collections = GC.CollectionCount(0);
                var loader = new Thread(() =>
                {
                    for (int i = 0; i < 256; i++) GC.KeepAlive(new byte[16 * 1024]); // 4 MB, as a loader's batch might
                });
                loader.Start();
                loader.Join();
                Assert.True(GC.CollectionCount(0) == collections, $"a collection ran inside step {step} while the loader allocated");
            }
        }
        finally
        {
            region.Dispose();
        }
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }
}
