using BenchmarkDotNet.Attributes;
using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Decoders.Classification;
using VisionPipeline.Decoders.Common;
using VisionPipeline.Decoders.Detection;
using VisionPipeline.Decoders.Segmentation;
using VisionPipeline.Decoders.Suppression;
using VisionPipeline.Benchmarks.Yolo;

namespace VisionPipeline.Benchmarks;

/// <summary>
/// Decoders at realistic sizes, single-threaded: YOLOv8 80 classes × 8,400 candidates (decode + NMS at 0.25),
/// YOLOv5 25,200 × 85, YOLOv8-seg with 32 × 160 × 160 prototypes and 100 instances, a 1,000-class classifier,
/// and 21-class semantic logits. Outputs are synthetic with the statistics of real ones: most class scores near
/// zero, a few hundred candidates above the threshold in clusters around objects.
/// </summary>
[MemoryDiagnoser]
public class DecoderBenchmarks
{
    private const int Classes = 80, Anchors = 8400, Masks = 32;
    private float[] _v8 = [];
    private float[] _v8Seg = [];
    private float[] _v5 = [];
    private float[] _prototypes = [];
    private List<ScoredBox> _instances = [];
    private float[] _logits = [];
    private float[] _semantic = [];
    private readonly AffineMap _letterbox = AffineMap.Scale(640.0 / 1280, 640.0 / 1280).Then(AffineMap.Translation(0, 140));

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var objects = Enumerable.Range(0, 20).Select(_ => (X: random.Next(40, 600), Y: random.Next(40, 600), C: random.Next(Classes))).ToArray();
        _v8 = SyntheticYoloOutput.Create();
        _v8Seg = SyntheticYoloOutput.Create(masks: Masks);
        _v5 = new float[25200 * 85];
        for (int a = 0; a < 25200; a++)
        {
            var r = _v5.AsSpan(a * 85, 85);
            var o = objects[a % objects.Length];
            bool near = random.NextDouble() < 0.01;
            r[0] = o.X + random.Next(-8, 8); r[1] = o.Y + random.Next(-8, 8); r[2] = 40; r[3] = 60;
            r[4] = near ? 0.6f + 0.4f * (float)random.NextDouble() : 0.01f * (float)random.NextDouble();
            for (int c = 0; c < Classes; c++) r[5 + c] = 0.02f * (float)random.NextDouble();
            r[5 + o.C] = near ? 0.9f : 0.05f;
        }
        _prototypes = new float[Masks * 160 * 160];
        for (int i = 0; i < _prototypes.Length; i++) _prototypes[i] = (float)(random.NextDouble() * 4 - 2);
        _instances = Enumerable.Range(0, 100).Select(i =>
        {
            float x = random.Next(0, 1100), y = random.Next(0, 800);
            return new ScoredBox(new BoxF(x, y, x + random.Next(20, 180), y + random.Next(20, 180)), 0.9f, i % Classes)
            {
                MaskCoefficients = Enumerable.Range(0, Masks).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray(),
            };
        }).ToList();
        _logits = Enumerable.Range(0, 1000).Select(_ => (float)(random.NextDouble() * 10 - 5)).ToArray();
        _semantic = new float[21 * 128 * 128];
        for (int i = 0; i < _semantic.Length; i++) _semantic[i] = (float)random.NextDouble();
    }

    [Benchmark(Description = "YOLOv8 80×8400 decode + NMS (0.25 / 0.45)")]
    public int YoloV8DecodeAndNms()
    {
        var candidates = YoloDecoder.DecodeV8(_v8, Anchors, Classes, 0.25f);
        var kept = Nms.Apply(candidates, new NmsOptions { IouThreshold = 0.45f, MaxDetections = 300 });
        return kept.Select(k => k.MapWith(_letterbox)).Count();
    }

    [Benchmark(Description = "YOLOv5 25200×85 decode + NMS")]
    public int YoloV5DecodeAndNms() =>
        Nms.Apply(YoloDecoder.DecodeV5(_v5, 25200, Classes, 0.25f), new NmsOptions { IouThreshold = 0.45f }).Count;

    [Benchmark(Description = "YOLOv8-seg decode + NMS (116×8400)")]
    public int YoloV8SegDecode() =>
        Nms.Apply(YoloDecoder.DecodeV8(_v8Seg, Anchors, Classes, 0.25f, Masks), new NmsOptions()).Count;

    [Benchmark(Description = "YOLOv8-seg masks: 100 instances, 32×160×160 prototypes, 1280×1000 image")]
    public int YoloV8SegMasks()
    {
        var masks = InstanceMaskDecoder.Decode(_prototypes, Masks, 160, 160, _instances, _letterbox, 640, 640, 1280, 1000);
        foreach (var m in masks) m.Dispose();
        return masks.Count;
    }

    [Benchmark(Description = "Classifier 1000 logits → top-5")]
    public int ClassifyTop5() => ClassificationDecoder.Decode(_logits, ClassActivation.Softmax, 5).Count;

    [Benchmark(Description = "Semantic 21×128×128 → 640×480 class map")]
    public int SemanticClassMap()
    {
        using var map = SemanticMaskDecoder.ClassMap(_semantic, 21, 128, 128, AffineMap.Scale(128.0 / 640, 128.0 / 480), 640, 480);
        return map.Rows;
    }
}
