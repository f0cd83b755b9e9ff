using OpenCvSharp;
using VisionPipeline.Graph.Output;

namespace VisionPipeline.Graph.Benchmarking;

/// <summary>
/// The image codec work no pipeline can skip, for the engine+codec floor: a bare OpenCV decode of each input file and
/// a bare OpenCV write (encoding by the same extension) of each image file its sinks wrote. The written images are
/// decoded beforehand, outside the timed replay, and kept up to a memory budget; one written beyond it is replayed
/// with a kept image of the same extension and the nearest pixel count (counted as borrowed). The floor writes into
/// its own scratch folder, one file per worker and extension, written over each time. As in the pipeline (see
/// <see cref="Output.ImageFileHandOff"/>), a worker hands an image to encode to a writer thread while fewer than one
/// per worker wait there, and encodes it itself otherwise.
/// </summary>
public sealed class CodecReplay(string scratch, long budgetBytes = CodecReplay.DefaultBudgetBytes) : IDisposable
{
    /// <summary>Decoded written images kept in memory: some 380 annotated 1280×720 frames.</summary>
    public const long DefaultBudgetBytes = 1L << 30;

    private sealed record Kept(Mat Image, string Extension, bool Own);

    private readonly Dictionary<string, Kept> _written = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>Decodes the written images of <paramref name="images"/> not kept yet. Not timed: call it before the replay.</summary>
    public void Prepare(IEnumerable<ImageEngineRuns> images)
    {
        Directory.CreateDirectory(scratch);
        foreach (var path in images.SelectMany(i => i.Written))
        {
            if (_written.ContainsKey(path)) continue;
            var extension = Path.GetExtension(path).ToLowerInvariant();
            var image = Cv2.ImRead(path, ImreadModes.Unchanged);
            if (image.Empty())
            {
                image.Dispose();
                throw new InvalidOperationException($"{path}: the benchmark cannot read back an image the pipeline wrote");
            }
            long bytes = image.Total() * image.ElemSize();
            if (_bytes + bytes > budgetBytes && Nearest(extension, image.Total()) is { } standIn)
            {
                image.Dispose();
                _written[path] = standIn with { Own = false };
                continue;
            }
            _bytes += bytes;
            _written[path] = new Kept(image, extension, true);
        }
    }

    private Kept? Nearest(string extension, long pixels) =>
        _written.Values.Where(k => k.Own && k.Extension == extension).MinBy(k => Math.Abs(k.Image.Total() - pixels));

    private System.Collections.Concurrent.BlockingCollection<Kept>? _handedOver;
    private Task? _writer;
    private HandOffSlots? _slots;

    /// <summary>Starts the writer thread of one replay with <paramref name="workers"/> workers.</summary>
    public void Start(int workers)
    {
        var slots = _slots = new HandOffSlots(workers);
        var queue = _handedOver = [];
        _writer = Task.Factory.StartNew(() =>
        {
            Thread.CurrentThread.Name = "vision-floor-writer";
            foreach (var kept in queue.GetConsumingEnumerable())
            {
                Cv2.ImWrite(Path.Combine(scratch, $"writer{kept.Extension}"), kept.Image);
                slots.Release();
            }
        }, TaskCreationOptions.LongRunning);
    }

    /// <summary>Waits until the writer thread has encoded everything handed to it, and ends it.</summary>
    public void Finish()
    {
        _handedOver?.CompleteAdding();
        _writer?.Wait();
        _handedOver?.Dispose();
        (_handedOver, _writer, _slots) = (null, null, null);
    }

    /// <summary>Decodes an input file as the pipeline's reader does (8-bit BGR, EXIF orientation applied).</summary>
    public static Mat Decode(string path) => Cv2.ImRead(path, ImreadModes.Color);

    /// <summary>Writes each of <paramref name="written"/>'s images again, from the decoded copy <see cref="Prepare"/> kept.</summary>
    public void Encode(IReadOnlyList<string> written, int worker)
    {
        foreach (var path in written)
        {
            var kept = _written[path];
            if (_handedOver is not null && _slots!.TryTake())
            {
                _handedOver.Add(kept);
                continue;
            }
            Cv2.ImWrite(Path.Combine(scratch, $"worker-{worker}{kept.Extension}"), kept.Image);
        }
    }

    /// <summary>How many of <paramref name="images"/>' written images are replayed with another image's (over the memory budget).</summary>
    public int Borrowed(IEnumerable<ImageEngineRuns> images) => images.SelectMany(i => i.Written).Count(p => !_written[p].Own);

    public void Dispose()
    {
        Finish();
        foreach (var kept in _written.Values) if (kept.Own) kept.Image.Dispose();
        _written.Clear();
        try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
    }
}
