using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Core.Results;
using VisionPipeline.Core.Targets;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Decoders.Common;
using VisionPipeline.Decoders.Detection;
using VisionPipeline.Decoders.Suppression;
using VisionPipeline.Graph.Output;
using VisionPipeline.Imaging.Preprocessing;

namespace VisionPipeline.Benchmarks.Yolo;

/// <summary>
/// Everything `vision run --model yolov8n.onnx` does per image around the engine, one thread, each part alone and
/// all in a row: letterbox a photo (basketball1.png, 640×480, already 640 wide; building.jpg, 868×600, resized) into
/// 640×640 with grey 114 and pack it into the
/// [1, 3, 640, 640] RGB/255 tensor (straight into the tensor as the pipeline does now, and, marked "before", as an
/// image letterboxed then packed); check the [1, 84, 8400] output is finite; decode the candidates above 0.25;
/// per-class NMS at 0.45 and the map back through the letterbox's inverse, clipped to the frame; the results.jsonl
/// record (serialised and written, flushed, as the sink does). The output is <see cref="SyntheticYoloOutput"/>,
/// the YOLOv8n-shaped benchmark model's: 20 objects, about 250 candidates, 26 boxes kept.
/// In a loop like this every buffer stays in the processor's caches; in a pipeline the engine's run between two
/// images evicts them. "after an engine-sized eviction" writes 32 MB first (as a network's activations do): its
/// time minus the eviction's alone is what pre+post costs in a pipeline.
/// </summary>
[MemoryDiagnoser]
public class YoloPrePostBenchmarks
{
    private const int Size = 640;
    private static readonly TensorSpec Spec = new()
    {
        Name = "images", Width = Size, Height = Size, Colors = ColorOrder.Rgb, Scale = 1 / 255f, Resize = ResizeMode.Letterbox, PadValue = 114,
    };
    private static readonly NmsOptions Suppression = new() { IouThreshold = 0.45f, MaxDetections = 300 };
    private static readonly string[] Names = Enumerable.Range(0, SyntheticYoloOutput.Classes).Select(i => $"class {i}").ToArray();

    [Params("basketball1.png", "building.jpg")]
    public string Photo { get; set; } = "basketball1.png";

    private readonly byte[] _eviction = new byte[32 << 20];
    private Mat _photo = new();
    private PreparedImage? _prepared;
    private readonly float[] _tensor = new float[3 * Size * Size];
    private float[] _output = [];
    private List<ScoredBox> _candidates = [];
    private List<Detection> _detections = [];
    private ResultsFile? _results;
    private string _scratch = "";

    [GlobalSetup]
    public void Setup()
    {
        _photo = Cv2.ImRead(Path.Combine(RepoRoot(), "sample-images", Photo), ImreadModes.Color);
        _prepared = ImageResizer.Prepare(_photo, Size, Size, ResizeMode.Letterbox, 114);
        _output = SyntheticYoloOutput.Create();
        _candidates = Decode();
        _detections = SuppressAndMap(_prepared.ToOriginal);
        _scratch = Path.Combine(Path.GetTempPath(), "yolo-prepost-" + Guid.NewGuid().ToString("N")[..8]);
        _results = new ResultsFile(Path.Combine(_scratch, "results.jsonl"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _results?.Dispose();
        _prepared?.Dispose();
        _photo.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    [Benchmark(Description = "letterbox + pack straight into the tensor")]
    public AffineMap LetterboxIntoTensor() => TensorInput.Write(_photo, Spec, Size, Size, _tensor).ToOriginal;

    [Benchmark(Description = "before: letterbox image 640×480 → 640×640")]
    public int Letterbox()
    {
        using var prepared = ImageResizer.Prepare(_photo, Size, Size, ResizeMode.Letterbox, 114);
        return prepared.Image.Rows;
    }

    [Benchmark(Description = "before: pack the letterboxed image")]
    public void Pack() => TensorPacker.Pack(_prepared!.Image, Spec, _tensor);

    [Benchmark(Description = "output finite check 84×8400")]
    public bool Check() => TensorPrimitives.IsFiniteAll<float>(_output);

    [Benchmark(Description = "decode 80×8400 above 0.25")]
    public int DecodeCandidates() => Decode().Count;

    [Benchmark(Description = "NMS 0.45 per class + map back")]
    public int Suppress() => SuppressAndMap(_prepared!.ToOriginal).Count;

    [Benchmark(Description = "record: results.jsonl line")]
    public void Record() => WriteRecord(_detections);

    [Benchmark(Description = "pre+post in a row")]
    public int All()
    {
        var placement = TensorInput.Write(_photo, Spec, Size, Size, _tensor);
        return Post(placement.ToOriginal);
    }

    [Benchmark(Description = "engine-sized eviction alone (32 MB written)")]
    public void Evict() => Array.Fill(_eviction, (byte)1);

    [Benchmark(Description = "after an engine-sized eviction: pre+post in a row")]
    public int AllCold()
    {
        Array.Fill(_eviction, (byte)2);
        return All();
    }

    [Benchmark(Description = "after an engine-sized eviction: before, pre+post in a row")]
    public int AllBeforeCold()
    {
        Array.Fill(_eviction, (byte)3);
        return AllBefore();
    }

    [Benchmark(Baseline = true, Description = "before: pre+post in a row, letterboxed image packed")]
    public int AllBefore()
    {
        using var prepared = ImageResizer.Prepare(_photo, Size, Size, ResizeMode.Letterbox, 114);
        TensorPacker.Pack(prepared.Image, Spec, _tensor);
        return Post(prepared.ToOriginal);
    }

    private int Post(AffineMap toOriginal)
    {
        if (!TensorPrimitives.IsFiniteAll<float>(_output)) throw new InvalidOperationException("not finite");
        _candidates = Decode();
        var detections = SuppressAndMap(toOriginal);
        WriteRecord(detections);
        return detections.Count;
    }

    private List<ScoredBox> Decode() => YoloDecoder.DecodeV8(_output, SyntheticYoloOutput.Anchors, SyntheticYoloOutput.Classes, 0.25f);

    private List<Detection> SuppressAndMap(AffineMap toOriginal) =>
        Nms.Apply(_candidates, Suppression)
            .Select(k => k.MapWith(toOriginal))
            .Select(b => new Detection("model", Names[b.ClassId], b.Score, b.Box.ClipTo(_photo.Width, _photo.Height)))
            .ToList();

    private void WriteRecord(List<Detection> detections) =>
        _results!.Write(new ImageRecord
        {
            Image = Photo, Width = _photo.Width, Height = _photo.Height,
            Detections = detections.Select(DetectionRecord.From).ToList(), Masks = [],
        });

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "sample-images"))) return dir.FullName;
        throw new DirectoryNotFoundException("sample-images not found above " + AppContext.BaseDirectory);
    }
}
