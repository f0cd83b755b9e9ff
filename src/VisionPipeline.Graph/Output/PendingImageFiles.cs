using OpenCvSharp;
using VisionPipeline.Core.IO;

namespace VisionPipeline.Graph.Output;

/// <summary>An image file of one image's output that is not in place yet: the run's writer thread commits it, in input order.</summary>
public interface IPendingFile : IDisposable
{
    string Target { get; }

    /// <summary>Puts the file in place, whole and flushed to disk (encoding it first if it is not encoded yet).</summary>
    void Commit();
}

/// <summary>
/// Who encodes the image files a run's sinks write. A worker hands the image (a second header on its pixels, no copy)
/// to the run's writer thread while fewer than <paramref name="limit"/> wait there, and encodes it itself otherwise:
/// where a core is free (one worker, one engine thread on two cores) encoding leaves the worker's time, and where
/// the writer cannot keep up (many fast workers) the workers share the encoding again. The files are put in place
/// by the writer either way.
/// </summary>
public sealed class ImageFileHandOff(int limit)
{
    private readonly HandOffSlots _slots = new(limit);

    /// <summary>Images handed over and not yet encoded.</summary>
    public int Waiting => _slots.Taken;

    public IPendingFile Prepare(string path, Mat image) =>
        _slots.TryTake()
            ? new UnencodedImage(path, new Mat(image, new Rect(0, 0, image.Width, image.Height)), _slots)
            : new EncodedFile(AtomicImageFile.Stage(path, image));

    /// <summary>Encoded by the worker under a temporary name; committing flushes and moves it.</summary>
    private sealed class EncodedFile(StagedFile staged) : IPendingFile
    {
        public string Target => staged.Target;
        public void Commit() => staged.Commit();
        public void Dispose() => staged.Dispose();
    }

    /// <summary>Handed over unencoded: committing encodes it, flushes and moves it.</summary>
    private sealed class UnencodedImage(string path, Mat image, HandOffSlots slots) : IPendingFile
    {
        private int _released;

        public string Target => path;

        public void Commit()
        {
            try
            {
                AtomicImageFile.Write(path, image);
            }
            finally
            {
                Dispose();
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            image.Dispose();
            slots.Release();
        }
    }
}
