using System.CommandLine;
using VisionPipeline.Cli.Terminal;
using VisionPipeline.Core.Errors;
using VisionPipeline.Live;
using VisionPipeline.Live.Counting;
using VisionPipeline.Live.Scheduling;
using VisionPipeline.Live.Sources;
using VisionPipeline.Live.Viewer;

namespace VisionPipeline.Cli.Commands;

/// <summary>
/// `vision live`: cameras, video files and network streams through a pipeline, newest frame first, with per-frame
/// latency from grab to result and a summary at the end.
/// </summary>
internal static partial class LiveCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var sources = new Option<string[]>("--source", "-s")
        {
            Description = "A camera index (0) or /dev/videoN, a video file, or a stream URL (rtsp://, http://, tcp://); repeat for several",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var every = new Option<int>("--every") { Description = "Keep one grabbed frame in N", DefaultValueFactory = _ => 1 };
        var maxFps = new Option<double>("--max-fps") { Description = "At most F frames a second of each source reach the pipeline" };
        var realtime = new Option<bool>("--realtime") { Description = "Play files at their own frame rate, newest frame first, as a camera (default: every frame, none dropped)" };
        var reconnect = new Option<bool>("--reconnect") { Description = "Open a camera or stream again, with back-off, when it ends or stalls" };
        var openTimeout = new Option<double>("--open-timeout") { Description = "Seconds a source may take to open", DefaultValueFactory = _ => 10 };
        var readTimeout = new Option<double>("--read-timeout") { Description = "Seconds without a frame after which a stream has stalled", DefaultValueFactory = _ => 5 };
        var output = new Option<string?>("--output", "-o") { Description = "Folder where the pipeline's file sinks write each processed frame, under source-I/" };
        var saveJson = new Option<string?>("--save-json") { Description = "Write one JSON line per processed frame to this file" };
        var record = new Option<string?>("--record") { Description = "Record the annotated video to this MP4 (FILE-I.mp4 per source when there are several)" };
        var maxFrames = new Option<long>("--max-frames") { Description = "Stop each source after N processed frames" };
        var duration = new Option<double>("--duration") { Description = "Stop the run after S seconds" };
        var track = new Option<bool>("--track") { Description = "Follow detections across frames (ByteTrack-style) and give each a track_id" };
        var lines = new Option<string[]>("--line") { Description = "Count tracks crossing the segment x1,y1,x2,y2 (pixels), per label and direction; repeatable; implies --track" };
        var zones = new Option<string[]>("--zone") { Description = "Count tracks inside the polygon x1,y1,x2,y2,x3,y3,… (pixels) and their dwell time; repeatable; implies --track" };
        var show = new Option<bool>("--show") { Description = "Show each source's annotated video in a window (when a display exists; q or Esc stops)" };
        var serve = new Option<string?>("--serve") { Description = "Serve a browser viewer at HOST:PORT (loopback only unless --allow-remote): the video, detections, counts and stats" };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Let --serve listen on an address other machines can reach (the viewer has no login)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No summary table" };
        var choice = new PipelineOptionSet();
        var engine = new EngineOptionSet();

        var command = new Command("live", "Run a pipeline over cameras, video files or network streams, newest frame first")
        {
            sources, every, maxFps, realtime, reconnect, openTimeout, readTimeout, output, saveJson, record, maxFrames, duration,
            track, lines, zones, show, serve, allowRemote, quiet,
        };
        choice.AddTo(command);
        engine.AddTo(command);
        command.SetAction(result =>
        {
            var addresses = (result.GetValue(sources) ?? []).Select(SourceAddress.Parse).ToList();
            var settings = new LiveSettings
            {
                Readers = new ReaderSettings
                {
                    Every = Positive(result.GetValue(every), "--every"),
                    MaxFps = NotNegative(result.GetValue(maxFps), "--max-fps"),
                    Realtime = result.GetValue(realtime),
                    Reconnect = result.GetValue(reconnect),
                    OpenTimeout = Seconds(result.GetValue(openTimeout), "--open-timeout"),
                    ReadTimeout = Seconds(result.GetValue(readTimeout), "--read-timeout"),
                },
                OutputDirectory = result.GetValue(output),
                JsonFile = result.GetValue(saveJson),
                RecordFile = Mp4(result.GetValue(record)),
                MaxFrames = (long)NotNegative(result.GetValue(maxFrames), "--max-frames"),
                Track = result.GetValue(track),
                Lines = (result.GetValue(lines) ?? []).Select(l => CountingGeometry.ParsePoints(l, "--line", 2, 2)).ToList(),
                Zones = (result.GetValue(zones) ?? []).Select(z => CountingGeometry.ParsePoints(z, "--zone", 3, 1000)).ToList(),
                Show = result.GetValue(show),
                Serve = result.GetValue(serve) is { } address ? ServeAddress.Parse(address, result.GetValue(allowRemote)) : null,
                Duration = NotNegative(result.GetValue(duration), "--duration") is > 0 and var s ? TimeSpan.FromSeconds(s) : null,
            };
            if (settings.Serve is { IsLoopback: false } remote)
                stderr.WriteLine($"warning: --serve {remote.Url} can be reached from other machines, and the viewer has no login");
            // Each source's frames go through the pipeline one at a time, in order: the engines get the cores.
            var options = engine.Read(result, stderr);
            if (options.Workers == 0) options = options with { Workers = addresses.Count };

            using var vision = choice.Open(result, options);
            OpenCvLog.QuietUnlessAsked();
            var notices = TextWriter.Synchronized(stderr);
            using var ctrlC = new CtrlC(stderr, "closing the sources and outputs");
            var summary = new LiveSession(vision, settings, line => notices.WriteLine($"live: {line}")).Run(addresses, ctrlC.Token);

            if (!result.GetValue(quiet)) WriteSummary(stdout, summary);
            if (summary.Interrupted) return VisionApp.Interrupted;
            return summary.SomethingFailed ? VisionApp.SomeFailed : VisionApp.Success;
        });
        return command;
    }

    private static int Positive(int value, string option) =>
        value >= 1 ? value : throw new ConfigurationException(null, $"{option} must be 1 or more");

    private static double NotNegative(double value, string option) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ConfigurationException(null, $"{option} must be 0 or more");

    private static TimeSpan Seconds(double value, string option) =>
        value > 0 && value <= 3600 ? TimeSpan.FromSeconds(value) : throw new ConfigurationException(null, $"{option} must be more than 0 and at most 3600 seconds");

    private static string? Mp4(string? file) =>
        file is null || file.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase) ? file : throw new ConfigurationException(file, "--record writes MP4: give a file ending in .mp4");
}
