using VisionPipeline.Augmentation.Transforms;

namespace VisionPipeline.Augmentation.Tests.Composition;

public class AugmentRandomTests
{
    [Fact]
    public void The_same_seed_gives_the_same_stream_and_another_seed_another()
    {
        var a = new AugmentRandom(42);
        var b = new AugmentRandom(42);
        var c = new AugmentRandom(43);
        var first = Enumerable.Range(0, 16).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 16).Select(_ => b.NextUInt64()).ToArray());
        Assert.NotEqual(first, Enumerable.Range(0, 16).Select(_ => c.NextUInt64()).ToArray());
    }

    [Fact]
    public void Integers_fall_evenly_in_their_range_and_doubles_in_zero_to_one()
    {
        var random = new AugmentRandom(7);
        var counts = new int[6];
        for (int i = 0; i < 60_000; i++)
        {
            int v = random.Next(-2, 4);
            Assert.InRange(v, -2, 3);
            counts[v + 2]++;
        }
        Assert.All(counts, n => Assert.InRange(n, 9_500, 10_500));
        for (int i = 0; i < 10_000; i++) Assert.InRange(random.NextDouble(), 0.0, 0.9999999999999999);
        Assert.Equal(0, random.Next(1));
    }

    [Fact]
    public void Shuffle_permutes_and_reaches_every_order()
    {
        var random = new AugmentRandom(3);
        var seen = new HashSet<string>();
        for (int i = 0; i < 600; i++)
        {
            Span<int> order = [0, 1, 2];
            random.Shuffle(order);
            Assert.Equal([0, 1, 2], order.ToArray().Order());
            seen.Add(string.Join(",", order.ToArray()));
        }
        Assert.Equal(6, seen.Count);
    }
}
