using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using VisionPipeline.Benchmarking;
using VisionPipeline.Cli.Terminal;
using VisionPipeline.Core.Errors;
using VisionPipeline.Graph.Runs;
using VisionPipeline.Graph.Sources;

namespace VisionPipeline.Cli.Commands;

/// <summary>
/// `vision bench`: a whole pipeline over a folder (repeated to N images) next to its engine floor — the same engine
/// runs replayed on pre-made tensors with the same threads and sessions — in one process, so the ratio means something.
/// </summary>
internal static class BenchCommand
{
    private static readonly TimeSpan RoundLength = new BenchmarkSettings().RoundLength;

    public static Command Create(TextWriter stdout)
    {
        var choice = new PipelineOptionSet();
        var input = new Option<string>("--input", "-i") { Description = "Images to run (a folder, file, glob or @list)", Required = true };
        var images = new Option<int>("--images") { Description = "Images to process, repeating the input as needed", DefaultValueFactory = _ => 500 };
        var json = new Option<string?>("--json") { Description = "Also write the numbers to this JSON file" };
        var rssEvery = new Option<int>("--rss-every") { Description = "Print the process's resident memory every N images (0: never)" };
        var rounds = new Option<int>("--rounds")
        {
            Description = $"Alternate pipeline and floor this many times, each on its share of the images (default: rounds of about {RoundLength.TotalSeconds:0} s at the warm-up's pace)",
        };
        var perImage = new Option<bool>("--per-image") { Description = "Also break the time down per input image: pipeline and floor milliseconds" };
        var engine = new EngineOptionSet();
        var command = new Command("bench", "Measure a pipeline's throughput against its engine floor")
        {
            input, images, json, rssEvery, rounds, perImage,
        };
        choice.AddTo(command);
        engine.AddTo(command);
        command.SetAction(result =>
        {
            int count = result.GetValue(images);
            if (count < 1) throw new ConfigurationException(null, "--images must be at least 1");
            var options = engine.Read(result, Console.Error);
            using var vision = choice.Open(result, options);
            var files = InputResolver.Resolve(result.GetValue(input)!).Files;
            if (files.Count == 0) throw new ConfigurationException(result.GetValue(input), "no image files found");

            int every = result.GetValue(rssEvery);
            var memory = new RssSampler(every);
            var measured = vision.Benchmark(files, new BenchmarkSettings { Images = count, Rounds = result.GetValue(rounds) }, memory);
            var (run, floor, codecFloor) = (measured.Pipeline, measured.Floor, measured.CodecFloor);
            var times = run.ImageMilliseconds.Order().ToArray();
            var numbers = new BenchNumbers(
                Images: run.Processed, Workers: run.Workers, Batch: options.Batch, IntraOpThreads: vision.Engine.IntraOpThreads,
                FloorImagesPerSecond: run.Processed / floor.Wall.TotalSeconds, PipelineImagesPerSecond: run.Processed / run.Wall.TotalSeconds,
                CodecFloorImagesPerSecond: run.Processed / codecFloor.Wall.TotalSeconds, CodecRoundRatios: measured.CodecRoundRatios,
                CodecSpread: measured.CodecSpread, Codecs: codecFloor.Codecs,
                P50Milliseconds: Percentiles.Of(times, 0.5), P95Milliseconds: Percentiles.Of(times, 0.95),
                PeakRssMegabytes: measured.PeakRssMegabytes, Failed: run.Failed,
                FloorCpuMilliseconds: measured.FloorCpu.TotalMilliseconds / Math.Max(1, run.Processed),
                PipelineCpuMilliseconds: measured.PipelineCpu.TotalMilliseconds / Math.Max(1, run.Processed),
                FloorOwnInputs: floor.OwnInputs, FloorBorrowedInputs: floor.BorrowedInputs, FloorGeneratedInputs: floor.GeneratedInputs,
                RoundRatios: measured.RoundRatios, Spread: measured.Spread,
                EngineMilliseconds: measured.PipelineEngineTime.TotalMilliseconds / Math.Max(1, run.Processed),
                WorkerMilliseconds: run.ImageMilliseconds.Sum() / Math.Max(1, run.Processed));
            Write(stdout, vision.Name, numbers, run);
            if (result.GetValue(perImage)) WritePerImage(stdout, measured.PerImage);
            if (every > 0) memory.Write(stdout);
            if (result.GetValue(json) is { } path)
                File.WriteAllText(path, JsonSerializer.Serialize(numbers.ToJson(), new JsonSerializerOptions { WriteIndented = true }));
            return run.Failed == 0 ? VisionApp.Success : VisionApp.SomeFailed;
        });
        return command;
    }

    /// <param name="FloorOwnInputs">The floor's engine runs on their own image's inputs, kept from the warm-up;
    /// <paramref name="FloorBorrowedInputs"/> those on a kept input of the same shape from another image or run;
    /// <paramref name="FloorGeneratedInputs"/> those on generated values.</param>
    /// <param name="FloorCpuMilliseconds">Processor time (all threads) per image of the floor replay; next to the
    /// pipeline's, it tells work added outside the engines from cores left idle.</param>
    /// <param name="Codecs">What the engine+codec floor replayed besides the engine runs (see <see cref="Graph.Benchmarking.FloorReplay.Codecs"/>).</param>
    private sealed record BenchNumbers(int Images, int Workers, int Batch, int IntraOpThreads, double FloorImagesPerSecond, double PipelineImagesPerSecond,
        double CodecFloorImagesPerSecond, IReadOnlyList<double> CodecRoundRatios, RatioSpread CodecSpread, (int Decoded, int Encoded, int BorrowedEncodes) Codecs,
        double P50Milliseconds, double P95Milliseconds, double PeakRssMegabytes, int Failed, double FloorCpuMilliseconds, double PipelineCpuMilliseconds,
        int FloorOwnInputs, int FloorBorrowedInputs, int FloorGeneratedInputs, IReadOnlyList<double> RoundRatios, RatioSpread Spread,
        double EngineMilliseconds, double WorkerMilliseconds)
    {
        public double Ratio => PipelineImagesPerSecond / FloorImagesPerSecond;

        public double CodecRatio => PipelineImagesPerSecond / CodecFloorImagesPerSecond;

        public Dictionary<string, object> ToJson() => new()
        {
            ["images"] = Images, ["workers"] = Workers, ["batch"] = Batch, ["intra_op_threads"] = IntraOpThreads,
            ["floor_images_per_s"] = FloorImagesPerSecond, ["pipeline_images_per_s"] = PipelineImagesPerSecond, ["ratio"] = Ratio,
            ["p50_ms"] = P50Milliseconds, ["p95_ms"] = P95Milliseconds, ["peak_rss_mb"] = PeakRssMegabytes, ["failed"] = Failed,
            ["floor_cpu_ms_per_image"] = FloorCpuMilliseconds, ["pipeline_cpu_ms_per_image"] = PipelineCpuMilliseconds,
            ["floor_own_inputs"] = FloorOwnInputs, ["floor_borrowed_inputs"] = FloorBorrowedInputs, ["floor_generated_inputs"] = FloorGeneratedInputs,
            ["rounds"] = RoundRatios.Count, ["round_ratios"] = RoundRatios,
            ["ratio_ci95_low"] = Spread.HasInterval ? Spread.Low : null!, ["ratio_ci95_high"] = Spread.HasInterval ? Spread.High : null!,
            ["ratio_warning"] = Spread.Warning!,
            ["codec_floor_images_per_s"] = CodecFloorImagesPerSecond, ["codec_ratio"] = CodecRatio, ["codec_round_ratios"] = CodecRoundRatios,
            ["codec_ratio_ci95_low"] = CodecSpread.HasInterval ? CodecSpread.Low : null!, ["codec_ratio_ci95_high"] = CodecSpread.HasInterval ? CodecSpread.High : null!,
            ["codec_ratio_warning"] = CodecSpread.Warning!,
            ["codec_floor_decodes"] = Codecs.Decoded, ["codec_floor_encodes"] = Codecs.Encoded, ["codec_floor_borrowed_encodes"] = Codecs.BorrowedEncodes,
            ["worker_ms_per_image"] = WorkerMilliseconds, ["engine_ms_per_image"] = EngineMilliseconds,
        };
    }

    private static void Write(TextWriter w, string name, BenchNumbers n, RunSummary run)
    {
        new TextTable("pipeline", "images", "workers", "batch", "threads", "floor img/s", "codec floor img/s", "pipeline img/s", "ratio", "codec ratio",
                "p50 ms", "p95 ms", "peak RSS MB")
            .Add(name, n.Images, n.Workers, n.Batch, n.IntraOpThreads, n.FloorImagesPerSecond.ToString("0.00"), n.CodecFloorImagesPerSecond.ToString("0.00"),
                n.PipelineImagesPerSecond.ToString("0.00"), n.Ratio.ToString("0.000"), n.CodecRatio.ToString("0.000"),
                n.P50Milliseconds.ToString("0.0"), n.P95Milliseconds.ToString("0.0"), n.PeakRssMegabytes.ToString("0"))
            .Write(w);
        w.WriteLine($"processor time per image: floor {n.FloorCpuMilliseconds:0.0} ms, pipeline {n.PipelineCpuMilliseconds:0.0} ms " +
                    $"({n.PipelineCpuMilliseconds / n.FloorCpuMilliseconds:0.000}×; the rest of the gap is cores left idle)");
        w.WriteLine("(floor: the same engine runs replayed on pre-made tensors with the same sessions and workers; codec floor: the same " +
                    $"plus a bare OpenCV decode of each input ({n.Codecs.Decoded}) and encode of each image written ({n.Codecs.Encoded}" +
                    (n.Codecs.BorrowedEncodes > 0 ? $", {n.Codecs.BorrowedEncodes} of them with another written image over the memory budget" : "") +
                    "); numbers compare only within this run)");
        w.WriteLine($"worker time per image: {n.WorkerMilliseconds:0.0} ms, of which in the engines {n.EngineMilliseconds:0.0} ms " +
                    $"({n.EngineMilliseconds / n.WorkerMilliseconds:P1}); the rest is decoding, pre- and post-processing, drawing and writing");
        w.WriteLine($"{n.RoundRatios.Count} round{(n.RoundRatios.Count == 1 ? "" : "s")} of pipeline then floors");
        WriteRounds(w, "ratio", n.RoundRatios, n.Spread);
        WriteRounds(w, "codec ratio", n.CodecRoundRatios, n.CodecSpread);
        w.WriteLine($"floor inputs: {n.FloorOwnInputs} engine runs replayed their image's own inputs, {n.FloorBorrowedInputs} a real input " +
                    $"of the same shape from another image, {n.FloorGeneratedInputs} generated values");
        SummaryTables.WriteProfile(w, run);
        if (n.Failed > 0) w.WriteLine($"{n.Failed} images failed; see `vision run` for their errors.");
    }

    private static void WriteRounds(TextWriter w, string name, IReadOnlyList<double> rounds, RatioSpread spread)
    {
        w.WriteLine($"  {name} in each: " + string.Join(", ", rounds.Select(r => r.ToString("0.000"))) +
                    (spread.HasInterval ? $"; 95 % interval of their mean: {spread.Low:0.000}–{spread.High:0.000}" : ""));
        if (spread.Warning is { } warning) w.WriteLine($"warning: {name}: {warning}");
    }

    private static void WritePerImage(TextWriter w, IReadOnlyList<ImageBreakdown> images)
    {
        w.WriteLine();
        var table = new TextTable("image", "runs", "pipeline ms", "floor ms", "codec floor ms", "outside the engines ms", "outside the codec floor ms", "codec ratio");
        foreach (var i in images)
            table.Add(i.Image, i.Runs, i.PipelineMilliseconds.ToString("0.0"), i.FloorMilliseconds.ToString("0.0"), i.CodecFloorMilliseconds.ToString("0.0"),
                (i.PipelineMilliseconds - i.FloorMilliseconds).ToString("0.0"), (i.PipelineMilliseconds - i.CodecFloorMilliseconds).ToString("0.0"),
                i.PipelineMilliseconds > 0 ? (i.CodecFloorMilliseconds / i.PipelineMilliseconds).ToString("0.000") : "-");
        table.Write(w);
        w.WriteLine("(per image, mean over its runs: read to written on its worker, its engine runs replayed, and those with its decode and encodes)");
    }

    /// <summary>
    /// The process's own resident-memory counter, read after every N-th image is written, with the garbage
    /// collector's committed memory beside it (the managed part of the resident memory, which rises and falls with
    /// its collections) and the rest (native: OpenCV, ONNX Runtime, the runtime itself).
    /// </summary>
    private sealed class RssSampler(int every) : IProgress<RunProgress>
    {
        private readonly List<(int Images, double Resident, double Managed)> _samples = [];

        public void Report(RunProgress value)
        {
            if (every <= 0 || value.Done % every != 0) return;
            using var self = Process.GetCurrentProcess();
            double managed = GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0;
            lock (_samples) _samples.Add((value.Done, self.WorkingSet64 / 1048576.0, managed));
        }

        public void Write(TextWriter w)
        {
            w.WriteLine();
            var table = new TextTable("images done", "resident MB", "managed committed MB", "rest MB");
            foreach (var (images, resident, managed) in _samples)
                table.Add(images, resident.ToString("0.0"), managed.ToString("0.0"), (resident - managed).ToString("0.0"));
            table.Write(w);
        }
    }
}
