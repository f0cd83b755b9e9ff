using VisionPipeline.Core.Errors;
using VisionPipeline.Graph.Runs;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Graph.Tests;

/// <summary>A shard's results.jsonl line that is no record stops the merge at its line and column.</summary>
public class ShardMergerErrorTests
{
    [Fact]
    public void A_broken_results_line_is_reported_at_its_line_and_column()
    {
        using var shard = new TempDirectory();
        using var merged = new TempDirectory();
        File.WriteAllText(shard.File("results.jsonl"),
            "{\"image\":\"a.jpg\",\"width\":4,\"height\":4,\"detections\":[],\"masks\":[],\"error\":null}\n{\"image\":\"b.jpg\",\"width\":\"four\"}\n");

        var e = Assert.Throws<VisionException>(() => ShardMerger.Merge([shard.Path], merged.Path));

        Assert.StartsWith($"{shard.File("results.jsonl")}:2:26: not a results line: ", e.Message); // the value that is no number
    }
}
