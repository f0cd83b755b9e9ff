using OpenCvSharp;

namespace VisionPipeline.Cli.Tests.Live;

/// <summary>Short video files the live tests make: squares moving on known paths over a dark background.</summary>
public static class TestClips
{
    /// <summary>Writes an MJPEG AVI of <paramref name="frames"/> frames, 320×240, at <paramref name="fps"/>; returns its path.</summary>
    public static string Write(string path, int frames, double fps)
    {
        var size = new Size(320, 240);
        using (var writer = new VideoWriter(path, FourCC.MJPG, fps, size))
        {
            if (!writer.IsOpened()) throw new InvalidOperationException($"OpenCV cannot write the test clip {path}");
            for (int k = 0; k < frames; k++)
            {
                using var frame = new Mat(size, MatType.CV_8UC3, new Scalar(30, 30, 30));
                Cv2.Rectangle(frame, new Rect(10 + 3 * k % 260, 40, 40, 40), new Scalar(255, 255, 255), -1);
                Cv2.Rectangle(frame, new Rect(260 - 2 * k % 240, 150, 50, 50), new Scalar(0, 200, 255), -1);
                writer.Write(frame);
            }
        }
        return path;
    }

    /// <summary>Frame size of <see cref="WriteCrossingFaces"/>.</summary>
    public const int Width = 480, Height = 360;

    /// <summary>The size of the face patch the crossing-faces clip moves.</summary>
    public const int Patch = 114;


    /// <summary>
    /// A clip in which the same real face (messi5.jpg's, which BlazeFace finds every time) moves on two known
    /// paths: face A along the top from left to right, face B along the bottom from right to left, <paramref name="step"/>
    /// pixels a frame. The top-left corner of A in frame k is (step·k, 40), of B (Width − Patch − step·k, 200).
    /// </summary>
    public static string WriteCrossingFaces(string path, int frames, double fps, int step = 6)
    {
        if (step * (frames - 1) > Width - Patch) throw new ArgumentException($"{frames} frames of {step} px take the faces out of the frame");
        using var photo = Cv2.ImRead(TestSupport.RepoPaths.Sample("messi5.jpg"));
        using var crop = new Mat(photo, new Rect(200, 70, 76, 76));
        using var face = new Mat();
        Cv2.Resize(crop, face, new Size(Patch, Patch));
        var size = new Size(Width, Height);
        using var writer = new VideoWriter(path, FourCC.MJPG, fps, size);
        if (!writer.IsOpened()) throw new InvalidOperationException($"OpenCV cannot write the test clip {path}");
        for (int k = 0; k < frames; k++)
        {
            using var frame = new Mat(size, MatType.CV_8UC3, new Scalar(60, 60, 60));
            using (var a = new Mat(frame, new Rect(step * k, 40, Patch, Patch))) face.CopyTo(a);
            using (var b = new Mat(frame, new Rect(Width - Patch - step * k, 200, Patch, Patch))) face.CopyTo(b);
            writer.Write(frame);
        }
        return path;
    }

    /// <summary>
    /// A pipeline file of BlazeFace alone (the built-in `faces` also embeds every face with ResNet18, which would only
    /// slow these tests), with its annotated-image sink.
    /// </summary>
    public static string FacesOnlyPipeline(string folder)
    {
        var path = Path.Combine(folder, "faces-only.yaml");
        File.WriteAllText(path, """
            name: faces-only
            nodes:
              - id: image
                kind: source.images
              - id: faces
                kind: model
                input: image
                model: blazeface-full
              - id: annotated
                kind: sink.annotated
                inputs: [faces]
            """);
        return path;
    }

    /// <summary>Damages the JPEG data of one frame of an MJPEG AVI (0-based) so that it can no longer be decoded.</summary>
    public static void DamageFrame(string path, int frame)
    {
        var bytes = File.ReadAllBytes(path);
        int seen = -1;
        for (int i = 0; i < bytes.Length - 1; i++)
        {
            if (bytes[i] != 0xFF || bytes[i + 1] != 0xD8 || ++seen != frame) continue;
            Array.Clear(bytes, i + 2, Math.Min(400, bytes.Length - i - 2)); // the JPEG's headers are gone
            File.WriteAllBytes(path, bytes);
            return;
        }
        throw new ArgumentException($"{path} has no frame {frame}");
    }

    /// <summary>Frames OpenCV reads back from a video file.</summary>
    public static int CountFrames(string path)
    {
        using var capture = new VideoCapture(path);
        if (!capture.IsOpened()) return -1;
        using var frame = new Mat();
        int count = 0;
        while (capture.Read(frame) && !frame.Empty()) count++;
        return count;
    }
}
