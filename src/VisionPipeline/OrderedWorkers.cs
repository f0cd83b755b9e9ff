using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace VisionPipeline;

/// <summary>
/// Maps a sequence with a fixed number of items in work at once and yields the results in the sequence's order.
/// At most <c>workers</c> items are in work and at most <c>2 × workers</c> finished results wait to be taken, so
/// memory does not grow with a slow consumer. Items read but never worked on are handed to <c>discard</c>, and
/// results never taken are disposed.
/// </summary>
internal static class OrderedWorkers
{
    public static async IAsyncEnumerable<TOut> Map<TIn, TOut>(IAsyncEnumerable<TIn> source, Func<TIn, TOut> work, Action<TIn> discard,
        int workers, [EnumeratorCancellation] CancellationToken cancel = default) where TOut : IDisposable
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var slots = new SemaphoreSlim(workers);
        var started = Channel.CreateBounded<Task<TOut>>(new BoundedChannelOptions(2 * workers) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => Produce(source, work, discard, slots, started.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var task in started.Reader.ReadAllAsync(CancellationToken.None))
                yield return await task;
            await producer;
        }
        finally
        {
            stop.Cancel();
            try { await producer; }
            catch (Exception) { /* already seen by the loop above, or the consumer left early */ }
            while (started.Reader.TryRead(out var left))
            {
                try { (await left).Dispose(); }
                catch (Exception) { /* a result nobody will read */ }
            }
        }
    }

    private static async Task Produce<TIn, TOut>(IAsyncEnumerable<TIn> source, Func<TIn, TOut> work, Action<TIn> discard,
        SemaphoreSlim slots, ChannelWriter<Task<TOut>> started, CancellationToken stop) where TOut : IDisposable
    {
        Exception? failure = null;
        try
        {
            await foreach (var item in source.WithCancellation(stop))
            {
                try
                {
                    await slots.WaitAsync(stop);
                }
                catch (OperationCanceledException)
                {
                    discard(item);
                    throw;
                }
                var task = Task.Run(() =>
                {
                    try { return work(item); }
                    finally { slots.Release(); }
                }, CancellationToken.None);
                try
                {
                    await started.WriteAsync(task, stop);
                }
                catch (OperationCanceledException)
                {
                    (await task).Dispose();
                    throw;
                }
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            started.TryComplete(failure);
        }
    }
}
