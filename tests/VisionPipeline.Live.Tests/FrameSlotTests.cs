using System.Diagnostics;
using OpenCvSharp;
using VisionPipeline.Live.Scheduling;

namespace VisionPipeline.Live.Tests;

public class FrameSlotTests
{
    private static GrabbedFrame Frame(long index) => new(new Mat(2, 2, MatType.CV_8UC3), index, index * 40.0, Stopwatch.GetTimestamp());

    [Fact]
    public void The_newest_frame_wins_and_each_replaced_frame_is_disposed_and_counted()
    {
        using var slot = new FrameSlot(lossless: false);
        var frames = Enumerable.Range(0, 4).Select(i => Frame(i)).ToList();
        foreach (var frame in frames) Assert.True(slot.Put(frame, CancellationToken.None));

        using var taken = slot.Take(CancellationToken.None);
        Assert.Equal(3, taken!.Index);
        Assert.Equal(3, slot.Dropped);
        Assert.All(frames.Take(3), f => Assert.True(f.Image.IsDisposed, $"frame {f.Index} was replaced but not disposed"));
    }

    [Fact]
    public async Task A_lossless_slot_makes_the_reader_wait_so_every_frame_arrives_in_order()
    {
        using var slot = new FrameSlot(lossless: true);
        var reader = Task.Run(() =>
        {
            for (int i = 0; i < 50; i++) slot.Put(Frame(i), CancellationToken.None);
            slot.Complete();
        });
        var seen = new List<long>();
        while (slot.Take(CancellationToken.None) is { } frame)
            using (frame) seen.Add(frame.Index);
        await reader;

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), seen);
        Assert.Equal(0, slot.Dropped);
    }

    [Fact]
    public void After_complete_the_waiting_frame_is_still_taken_then_nothing()
    {
        using var slot = new FrameSlot(lossless: false);
        slot.Put(Frame(7), CancellationToken.None);
        slot.Complete();
        using var last = slot.Take(CancellationToken.None);
        Assert.Equal(7, last!.Index);
        Assert.Null(slot.Take(CancellationToken.None));
        var late = Frame(8);
        Assert.False(slot.Put(late, CancellationToken.None), "a completed slot takes no more frames");
        Assert.True(late.Image.IsDisposed);
    }

    [Fact]
    public async Task Cancelling_wakes_a_waiting_taker()
    {
        using var slot = new FrameSlot(lossless: false);
        using var cancel = new CancellationTokenSource();
        var taker = Task.Run(() => slot.Take(cancel.Token));
        cancel.Cancel();
        Assert.Null(await taker.WaitAsync(TimeSpan.FromMinutes(1)));
    }
}
