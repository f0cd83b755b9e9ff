using System.Collections.Concurrent;
using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets;
using VisionPipeline.Training.Tasks;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Data;

/// <summary>
/// Makes the batches of one pass in the background (a bounded queue of <see cref="Capacity"/> batches, images encoded
/// by several threads) so that decoding and augmentation overlap with the network's compute.
/// Batches come out in order and do not depend on the number of threads. An image that cannot be read is left out
/// of its batch and reported through the skipped callback.
/// </summary>
public sealed class BatchLoader : IDisposable
{
    public const int Capacity = 3;

    private readonly BlockingCollection<Batch> _queue = new(Capacity);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;

    /// <param name="order">Indices into <paramref name="images"/> in the order of this pass.</param>
    /// <param name="firstBatch">Batches before this one are not made (a resumed epoch).</param>
    public BatchLoader(SampleEncoder encoder, IReadOnlyList<DatasetImage> images, IReadOnlyList<int> order, int batchSize,
        int epoch, bool augment, int workers, int firstBatch = 0, Action<string>? skipped = null)
    {
        int batches = (order.Count + batchSize - 1) / batchSize;
        _producer = Task.Run(() =>
        {
            try
            {
                for (int b = firstBatch; b < batches && !_stop.IsCancellationRequested; b++)
                {
                    var members = order.Skip(b * batchSize).Take(batchSize).ToArray();
                    var encoded = new EncodedSample?[members.Length];
                    Parallel.For(0, members.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, i =>
                    {
                        try
                        {
                            encoded[i] = encoder.Encode(images, members[i], epoch, augment);
                        }
                        catch (Exception e) when (e is VisionException or OpenCVException or IOException)
                        {
                            skipped?.Invoke(e is VisionException ? e.Message : $"{images[members[i]].FilePath}: {e.Message.ReplaceLineEndings(" ")}");
                        }
                    });
                    var present = encoded.OfType<EncodedSample>().ToList();
                    if (present.Count == 0) continue;
                    _queue.Add(Collate(present, encoder), _stop.Token);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            finally
            {
                _queue.CompleteAdding();
            }
        });
    }

    /// <summary>The batches in order; the caller disposes each.</summary>
    public IEnumerable<Batch> Batches()
    {
        foreach (var batch in _queue.GetConsumingEnumerable()) yield return batch;
        _producer.GetAwaiter().GetResult(); // an unexpected failure in the producer surfaces here
    }

    public static Batch Collate(IReadOnlyList<EncodedSample> samples, SampleEncoder encoder)
    {
        var spec = encoder.Spec;
        int n = samples.Count, plane = 3 * spec.Height * spec.Width;
        // Each sample goes straight into the batch tensor: no batch-sized managed array, one copy.
        var images = empty([n, 3, spec.Height, spec.Width], ScalarType.Float32);
        using (var into = images.data<float>())
            for (int i = 0; i < n; i++) into.CopyFrom(samples[i].Pixels, 0, (long)i * plane);
        if (samples[0].Mask is not null)
        {
            int area = spec.Height * spec.Width;
            using var bytes = empty([n, spec.Height, spec.Width], ScalarType.Byte);
            using (var into = bytes.data<byte>())
                for (int i = 0; i < n; i++) into.CopyFrom(samples[i].Mask!, 0, (long)i * area);
            return new Batch { Images = images, Masks = bytes.to(ScalarType.Int64) };
        }
        if (samples[0].Boxes is not null) return new Batch { Images = images, Boxes = samples.Select(s => s.Boxes!).ToList() };
        return new Batch { Images = images, Labels = tensor(samples.Select(s => (long)s.Label).ToArray(), [n]) };
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _producer.Wait();
        }
        catch (AggregateException)
        {
        }
        while (_queue.TryTake(out var left)) left.Dispose();
        _queue.Dispose();
        _stop.Dispose();
    }
}
