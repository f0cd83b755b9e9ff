using VisionPipeline.Core.Errors;
using VisionPipeline.Graph.Benchmarking;

namespace VisionPipeline.Graph.Runs;

public sealed record RunOptions
{
    /// <summary>Images processed at once; 0 picks one per core, at most 4.</summary>
    public int Workers { get; init; }

    /// <summary>Skip images that results.jsonl (or its .partial from a stopped run) already holds.</summary>
    public bool Resume { get; init; }

    public Shard? Shard { get; init; }

    /// <summary>Told when a worker starts and finishes each image (a benchmark's engine recorder); null: nobody.</summary>
    public IRunObserver? Observer { get; init; }

    /// <summary>Add this run's node timings to the previous run's instead of starting afresh (a benchmark in rounds).</summary>
    public bool KeepNodeTimings { get; init; }

    /// <summary>
    /// Finished records that may wait for an earlier image still being processed. Records hold no pixels, so this
    /// costs a few kilobytes each; a small value makes fast workers idle behind one slow image.
    /// </summary>
    public int PendingRecords { get; init; } = 256;

    /// <summary>
    /// Dynamic batching: up to this many images' runs of a model with a free batch dimension go to the engine as
    /// one run (1: off). The worker count is raised to at least this, so that enough images are in flight.
    /// </summary>
    public int Batch { get; init; } = 1;

    public static int DefaultWorkers => Math.Clamp(Environment.ProcessorCount, 1, 4);

    public int EffectiveWorkers => Math.Max(Workers > 0 ? Workers : DefaultWorkers, Batch);

    /// <summary>
    /// ONNX Runtime intra-op threads: as asked, else the cores shared out between the engine runs that happen at
    /// once (one per worker, or one per batch of workers when batching).
    /// </summary>
    public int IntraOpThreads(int requested) =>
        requested > 0 ? requested : Math.Max(1, Environment.ProcessorCount / Math.Max(1, EffectiveWorkers / Math.Max(1, Batch)));
}

public readonly record struct RunProgress(int Done, int Total, int Failed);

/// <summary>Told, on the worker's own thread, when a worker starts and finishes processing an image.</summary>
public interface IRunObserver
{
    /// <param name="position">The image's position in the run's list of work items.</param>
    void ImageStarted(int position, Sources.InputFile file, int worker);

    void ImageFinished(int position);
}

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (1-based, as "--shard 2/8"): every image belongs to exactly one
/// shard, decided by a hash of its relative path, so any machine computes the same split (Kubernetes indexed jobs,
/// Slurm arrays) whatever order it lists the files in.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var i) || !int.TryParse(parts[1], out var n) || n < 1 || i < 1 || i > n)
            throw new ConfigurationException(null, $"--shard expects I/N with 1 ≤ I ≤ N, got '{text}'");
        return new Shard(i, n);
    }

    public bool Contains(string relativePath) => (int)(Fnv1a(relativePath) % (ulong)Count) == Index - 1;

    private static ulong Fnv1a(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211;
        }
        return hash;
    }
}
