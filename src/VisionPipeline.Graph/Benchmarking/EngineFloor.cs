using System.Diagnostics;

namespace VisionPipeline.Graph.Benchmarking;

/// <summary>The floor's wall time, and where the inputs of its engine runs came from.</summary>
/// <param name="OwnInputs">Engine runs replayed on the inputs their own image gave the model.</param>
/// <param name="BorrowedInputs">Engine runs replayed on another image's real input of the same shape.</param>
/// <param name="GeneratedInputs">Engine runs with an input shape no kept image had, filled with generated values.</param>
public sealed record FloorReplay(TimeSpan Wall, int OwnInputs, int BorrowedInputs, int GeneratedInputs)
{
    /// <summary>Each replayed image (its file's full path) and the milliseconds its engine runs took on its worker.</summary>
    public IReadOnlyList<(string Image, double Milliseconds)> Images { get; init; } = [];

    /// <summary>Codec work replayed (engine+codec floor only): input files decoded, written images encoded, and of those
    /// how many with another written image of the same kind because of the memory budget.</summary>
    public (int Decoded, int Encoded, int BorrowedEncodes) Codecs { get; init; }

    public static FloorReplay operator +(FloorReplay a, FloorReplay b) =>
        new(a.Wall + b.Wall, a.OwnInputs + b.OwnInputs, a.BorrowedInputs + b.BorrowedInputs, a.GeneratedInputs + b.GeneratedInputs)
        {
            Images = [.. a.Images, .. b.Images],
            Codecs = (a.Codecs.Decoded + b.Codecs.Decoded, a.Codecs.Encoded + b.Codecs.Encoded, a.Codecs.BorrowedEncodes + b.Codecs.BorrowedEncodes),
        };

    public static FloorReplay None => new(TimeSpan.Zero, 0, 0, 0);
}

/// <summary>
/// The engine floor of a pipeline run: the same engine runs (same models, sessions, tensor shapes, per-image
/// order and number of workers) replayed on pre-made tensors, with nothing else in between. No pipeline can be
/// faster than this on the same machine. With a <see cref="CodecReplay"/> it is the engine+codec floor: each image's
/// replay also decodes its input file and encodes the images its sinks wrote, work that no pipeline reading and
/// writing image files can skip.
/// </summary>
/// <remarks>
/// Each floor worker replays the images the same pipeline worker processed, in the same order, so both sides share
/// one division of the work: otherwise which worker happened to draw a slow image (a page of text takes seconds
/// here, a photo a quarter of one) changes the idle tail at the end, and with it the ratio, by more than the
/// overhead being measured.
/// </remarks>
public static class EngineFloor
{
    /// <param name="samples">Real inputs kept from the warm-up; without them every input is generated.</param>
    /// <param name="codecs">Also decode each input and encode each written image (prepared here, before the clock starts).</param>
    public static FloorReplay Replay(IReadOnlyList<ImageEngineRuns> images, int workers, ModelInputSamples? samples = null, CodecReplay? codecs = null)
    {
        workers = Math.Max(1, workers);
        if (images.FirstOrDefault(i => i.Worker < 0 || i.Worker >= workers) is { } stray)
            throw new ArgumentException($"{stray.Image} was processed by worker {stray.Worker}; the floor has {workers}", nameof(images));

        using var inputs = new FloorInputs(samples);
        var prepared = images.Select(inputs.For).ToArray();
        codecs?.Prepare(images);
        var assigned = Enumerable.Range(0, workers)
            .Select(w => Enumerable.Range(0, images.Count).Where(i => images[i].Worker == w).ToArray())
            .ToArray();

        var perImage = new double[images.Count];
        codecs?.Start(workers);
        var clock = Stopwatch.StartNew();
        var threads = assigned.Select((mine, worker) => Task.Factory.StartNew(() =>
        {
            Thread.CurrentThread.Name = "vision-floor";
            foreach (int image in mine)
            {
                long start = Stopwatch.GetTimestamp();
                using var decoded = codecs is null ? null : CodecReplay.Decode(images[image].Image);
                var calls = images[image].Calls;
                var tensors = prepared[image];
                for (int c = 0; c < calls.Count; c++)
                {
                    using var outputs = calls[c].Session.Engine.Run(tensors[c]);
                }
                codecs?.Encode(images[image].Written, worker);
                perImage[image] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(threads);
        codecs?.Finish();
        var wall = clock.Elapsed;

        var (own, borrowed, generated) = inputs.Sources(images);
        return new FloorReplay(wall, own, borrowed, generated)
        {
            Images = images.Select((i, n) => (i.Image, perImage[n])).ToArray(),
            Codecs = codecs is null ? default : (images.Count, images.Sum(i => i.Written.Count), codecs.Borrowed(images)),
        };
    }
}
