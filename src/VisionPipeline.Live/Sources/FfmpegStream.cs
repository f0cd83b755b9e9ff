using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpenCvSharp;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Live.Sources;

/// <summary>
/// A network stream (rtsp://, http://, tcp://, udp://, …) read by the system's ffmpeg program, which decodes it to
/// YUV4MPEG frames on a pipe; one OpenCV call turns each into BGR. OpenCV's bundled FFmpeg is built with the file and
/// pipe protocols only, so it cannot open URLs itself. The stream's size and frame rate come from the YUV4MPEG header;
/// a frame that does not arrive within the read time-out is a stall, and the ffmpeg process is ended with the source.
/// </summary>
public sealed class FfmpegStream : IFrameSource
{
    private const int LongestLine = 1024;
    private readonly Process _process;
    private readonly Stream _frames;
    private readonly byte[] _yuv;
    private readonly int _width, _height;
    private readonly TimeSpan _readTimeout;
    private readonly ProcessMessages _messages;

    private FfmpegStream(SourceAddress address, Process process, ProcessMessages messages, int width, int height, double fps, TimeSpan readTimeout)
    {
        Address = address;
        _process = process;
        _messages = messages;
        _frames = process.StandardOutput.BaseStream;
        _width = width;
        _height = height;
        Fps = fps;
        _readTimeout = readTimeout;
        _yuv = new byte[width * height * 3 / 2];
    }

    public SourceAddress Address { get; }
    public double Fps { get; }

    /// <exception cref="ConfigurationException">ffmpeg is missing, or gave no video header within <paramref name="openTimeout"/></exception>
    public static FfmpegStream Open(SourceAddress address, TimeSpan openTimeout, TimeSpan readTimeout)
    {
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-nostdin", "-hide_banner", "-loglevel", "error",
                     // Probe about a second of the stream, not FFmpeg's default five: the first frame comes that much sooner.
                     "-analyzeduration", "1000000", "-probesize", "1000000", "-fflags", "nobuffer", "-i", address.Text, "-map", "0:v:0", "-pix_fmt", "yuv420p",
                     "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2", "-f", "yuv4mpegpipe", "pipe:1" })
            start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            throw new ConfigurationException(address.Text, "network streams are read by the ffmpeg program, which is not installed (apt-get install ffmpeg)");
        }
        var messages = new ProcessMessages(process);
        try
        {
            var header = ReadLine(process.StandardOutput.BaseStream, Stopwatch.GetTimestamp(), openTimeout);
            if (header is null || !header.StartsWith("YUV4MPEG2 ", StringComparison.Ordinal) || !TryParseHeader(header, out int w, out int h, out double fps))
            {
                if (header is null && process.WaitForExit(2000)) process.WaitForExit(); // its last words arrive
                var why = messages.Last() ?? (header is null ? $"no video within {openTimeout.TotalSeconds:0.#} s" : "not a video stream");
                throw new ConfigurationException(address.Text, $"cannot open the stream: {why}");
            }
            return new FfmpegStream(address, process, messages, w, h, fps, readTimeout);
        }
        catch (TimeoutException)
        {
            End(process);
            throw new ConfigurationException(address.Text, $"cannot open the stream: no video within {openTimeout.TotalSeconds:0.#} s");
        }
        catch
        {
            End(process);
            throw;
        }
    }

    public ReadOutcome Read(Mat into, out long grabbedAt, out double positionMs)
    {
        positionMs = double.NaN;
        long start = Stopwatch.GetTimestamp();
        var outcome = ReadFrame(start);
        grabbedAt = Stopwatch.GetTimestamp();
        if (outcome != ReadOutcome.Frame) return outcome;
        unsafe
        {
            fixed (byte* pixels = _yuv)
            {
                using var yuv = Mat.FromPixelData(_height * 3 / 2, _width, MatType.CV_8UC1, (IntPtr)pixels);
                Cv2.CvtColor(yuv, into, ColorConversionCodes.YUV2BGR_I420);
            }
        }
        return ReadOutcome.Frame;
    }

    private ReadOutcome ReadFrame(long start)
    {
        try
        {
            var line = ReadLine(_frames, start, _readTimeout);
            if (line is null) return ReadOutcome.Ended;
            if (!line.StartsWith("FRAME", StringComparison.Ordinal)) return ReadOutcome.Corrupt;
            return ReadExactly(_frames, _yuv, _yuv.Length, start, _readTimeout) ? ReadOutcome.Frame : ReadOutcome.Ended;
        }
        catch (TimeoutException)
        {
            return ReadOutcome.Stalled;
        }
    }

    /// <summary>A header line of the pipe, without its '\n'; null at the end of the stream.</summary>
    /// <exception cref="TimeoutException">the line did not come before the deadline</exception>
    private static string? ReadLine(Stream stream, long start, TimeSpan timeout)
    {
        var one = new byte[1];
        var line = new StringBuilder();
        while (line.Length < LongestLine)
        {
            if (!ReadExactly(stream, one, 1, start, timeout)) return null;
            if (one[0] == (byte)'\n') return line.ToString();
            line.Append((char)one[0]);
        }
        return line.ToString();
    }

    /// <summary>Fills <paramref name="buffer"/>'s first <paramref name="count"/> bytes; false when the stream ends first.</summary>
    /// <exception cref="TimeoutException">the bytes did not all come within <paramref name="timeout"/> of <paramref name="start"/></exception>
    private static bool ReadExactly(Stream stream, byte[] buffer, int count, long start, TimeSpan timeout)
    {
        int got = 0;
        while (got < count)
        {
            var read = stream.ReadAsync(buffer, got, count - got);
            var left = timeout - Stopwatch.GetElapsedTime(start);
            // A read that times out stays pending on the pipe until the process is ended; the source is not read again.
            if (left <= TimeSpan.Zero || !read.Wait(left)) throw new TimeoutException();
            if (read.Result == 0) return false;
            got += read.Result;
        }
        return true;
    }

    private static bool TryParseHeader(string header, out int width, out int height, out double fps)
    {
        width = height = 0;
        fps = 0;
        foreach (var field in header.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var value = field[1..];
            switch (field[0])
            {
                case 'W': int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out width); break;
                case 'H': int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out height); break;
                case 'F':
                    var parts = value.Split(':');
                    if (parts.Length == 2 && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var n) &&
                        double.TryParse(parts[1], CultureInfo.InvariantCulture, out var d) && d > 0)
                        fps = n / d;
                    break;
            }
        }
        return width > 0 && height > 0 && width % 2 == 0 && height % 2 == 0;
    }

    private static void End(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(2000);
        }
        catch (InvalidOperationException) { /* it ended already */ }
        process.Dispose();
    }

    public void Dispose() => End(_process);

    /// <summary>The last lines ffmpeg wrote to its standard error, to say why a stream could not be opened.</summary>
    private sealed class ProcessMessages
    {
        private readonly Queue<string> _lines = new();

        public ProcessMessages(Process process)
        {
            process.ErrorDataReceived += (_, e) =>
            {
                if (string.IsNullOrWhiteSpace(e.Data)) return;
                lock (_lines)
                {
                    _lines.Enqueue(e.Data.Trim());
                    if (_lines.Count > 4) _lines.Dequeue();
                }
            };
            process.BeginErrorReadLine();
        }

        public string? Last()
        {
            lock (_lines) return _lines.Count == 0 ? null : _lines.Last();
        }
    }
}
