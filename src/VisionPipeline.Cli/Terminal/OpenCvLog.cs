namespace VisionPipeline.Cli.Terminal;

/// <summary>
/// Silences OpenCV's own log (a corrupt image or a missing camera makes it print several native lines) unless the
/// user asked for it with OPENCV_LOG_LEVEL: the command names each problem in one line of its own.
/// </summary>
internal static class OpenCvLog
{
    public static void QuietUnlessAsked()
    {
        if (Environment.GetEnvironmentVariable("OPENCV_LOG_LEVEL") is null) OpenCvSharp.Cv2.SetLogLevel(OpenCvSharp.LogLevel.SILENT);
    }
}
