using OpenCvSharp;

namespace VisionPipeline.Core.Frames;

/// <summary>A decoded BGR 8-bit image and where it came from. Owns its Mat unless told it is borrowed.</summary>
public sealed class Frame(Mat image, string sourcePath, string relativePath, long index, bool ownsImage = true) : IDisposable
{
    public Mat Image { get; } = image;

    /// <summary>Path as given or found on disk.</summary>
    public string SourcePath { get; } = sourcePath;

    /// <summary>Path relative to the input root, with '/' separators; used in results and output trees.</summary>
    public string RelativePath { get; } = relativePath;

    /// <summary>Position in the input sequence (image number or video frame number).</summary>
    public long Index { get; } = index;

    public int Width => Image.Width;
    public int Height => Image.Height;

    public void Dispose()
    {
        if (ownsImage) Image.Dispose();
    }
}
