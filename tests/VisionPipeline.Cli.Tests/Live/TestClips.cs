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
