using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Decoders.Classification;
using VisionPipeline.Decoders.Common;
using VisionPipeline.Decoders.Detection;
using VisionPipeline.Decoders.Suppression;

namespace VisionPipeline.Graph.Tests.Decoders;

/// <summary>
/// Every detection layout through a generated ONNX model, ONNX Runtime, the decoder, NMS and the inverse letterbox:
/// boxes must land within 0.5 px of where they belong in the original image, for several aspect ratios and batches.
/// </summary>
public class DetectionDecoderTests
{
    private const int S = 64;

    /// <summary>Original image sizes: landscape, portrait, square, very wide; each in batches of 1 and 4.</summary>
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 640, 480, 1 }, { 480, 640, 1 }, { 300, 300, 1 }, { 1000, 200, 1 }, { 640, 480, 4 }, { 333, 517, 4 },
    };

    // Six anchors. 0: class 1, 0.9; 1: almost the same box, class 1, 0.8 (suppressed); 2: class 2, 0.6;
    // 3: class 0, 0.1 (below the threshold); 4: on anchor 2's box but class 0, 0.7 (kept by class-aware NMS).
    private static readonly (BoxF Box, int Class, float Score)[] Anchors =
    [
        (new BoxF(12, 14, 28, 34), 1, 0.9f), (new BoxF(13, 14, 29, 34), 1, 0.8f), (new BoxF(35, 36, 45, 44), 2, 0.6f),
        (new BoxF(2, 2, 10, 10), 0, 0.1f), (new BoxF(35, 36, 45, 44), 0, 0.7f), (new BoxF(0, 0, 1, 1), 0, 0f),
    ];

    /// <summary>Anchor 0's centre moves right by 10 × (its image's mean red value), so the items of a batch differ.</summary>
    private const float Shift = 10;

    private static float[] V8Raw()
    {
        int a = Anchors.Length, c = 3;
        var raw = new float[(4 + c) * a];
        for (int i = 0; i < a; i++)
        {
            var (box, cls, score) = Anchors[i];
            raw[i] = (box.X1 + box.X2) / 2; raw[a + i] = (box.Y1 + box.Y2) / 2; raw[2 * a + i] = box.Width; raw[3 * a + i] = box.Height;
            raw[(4 + cls) * a + i] = score;
        }
        return raw;
    }

    private static float[] V5Raw()
    {
        int stride = 5 + 3;
        var raw = new float[stride * Anchors.Length];
        for (int i = 0; i < Anchors.Length; i++)
        {
            var (box, cls, score) = Anchors[i];
            var r = raw.AsSpan(i * stride, stride);
            r[0] = (box.X1 + box.X2) / 2; r[1] = (box.Y1 + box.Y2) / 2; r[2] = box.Width; r[3] = box.Height;
            r[4] = 0.95f; // objectness
            r[5 + cls] = score / 0.95f;
        }
        return raw;
    }

    private static List<Mat> Images(int width, int height, int batch) =>
        Enumerable.Range(0, batch).Select(i => DecoderHarness.Image(width + 7 * i, height + 3 * i, new Scalar(10, 20, 40 + 50 * i))).ToList();

    private static void AssertKept(List<ScoredBox> kept, float redMean, int width, int height, string what)
    {
        Assert.Equal([1, 0, 2], kept.Select(k => k.ClassId).ToArray());
        Assert.Equal([0.9f, 0.7f, 0.6f], kept.Select(k => k.Score).ToArray(), new FloatTolerance(1e-5f));
        var moved = Anchors[0].Box with { X1 = Anchors[0].Box.X1 + Shift * redMean, X2 = Anchors[0].Box.X2 + Shift * redMean };
        DecoderHarness.AssertBox(DecoderHarness.ExpectedInOriginal(moved, width, height, S), kept[0].Box, $"{what} anchor 0");
        DecoderHarness.AssertBox(DecoderHarness.ExpectedInOriginal(Anchors[4].Box, width, height, S), kept[1].Box, $"{what} anchor 4");
        DecoderHarness.AssertBox(DecoderHarness.ExpectedInOriginal(Anchors[2].Box, width, height, S), kept[2].Box, $"{what} anchor 2");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void YOLOv8_channels_first_output_decodes_to_the_original_boxes(int width, int height, int batch)
    {
        using var harness = new DecoderHarness(GeneratedModels.Yolo("v8", S, V8Raw(), [-1, 7, Anchors.Length], [(0, Shift)]), S);
        var images = Images(width, height, batch);
        var (tensor, items, reds) = harness.Batch(images);
        using (tensor)
        using (var outputs = harness.Engine.Run([tensor]))
        {
            Assert.Equal([batch, 7, Anchors.Length], outputs[0].Shape);
            int per = 7 * Anchors.Length;
            for (int i = 0; i < batch; i++)
            {
                var candidates = YoloDecoder.DecodeV8(outputs[0].Data.Slice(i * per, per), Anchors.Length, 3, 0.25f);
                var kept = Nms.Apply(candidates, new NmsOptions { IouThreshold = 0.45f }).Select(k => k.MapWith(items[i].ToOriginal)).ToList();
                AssertKept(kept, reds[i], images[i].Width, images[i].Height, $"item {i}");
            }
        }
        foreach (var m in images) m.Dispose();
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void YOLOv5_rows_with_objectness_decode_to_the_original_boxes(int width, int height, int batch)
    {
        // Shift anchor 0's cx: row 0, column 0 of the [A, 8] rows.
        using var harness = new DecoderHarness(GeneratedModels.Yolo("v5", S, V5Raw(), [-1, Anchors.Length, 8], [(0, Shift)]), S);
        var images = Images(width, height, batch);
        var (tensor, items, reds) = harness.Batch(images);
        using (tensor)
        using (var outputs = harness.Engine.Run([tensor]))
        {
            int per = 8 * Anchors.Length;
            for (int i = 0; i < batch; i++)
            {
                var candidates = YoloDecoder.DecodeV5(outputs[0].Data.Slice(i * per, per), Anchors.Length, 3, 0.25f);
                var kept = Nms.Apply(candidates, new NmsOptions { IouThreshold = 0.45f }).Select(k => k.MapWith(items[i].ToOriginal)).ToList();
                AssertKept(kept, reds[i], images[i].Width, images[i].Height, $"item {i}");
            }
        }
        foreach (var m in images) m.Dispose();
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void End_to_end_rows_need_no_NMS(int width, int height, int batch)
    {
        var kept = new[] { Anchors[0], Anchors[4], Anchors[2], Anchors[3] };
        var raw = kept.SelectMany(k => new[] { k.Box.X1, k.Box.Y1, k.Box.X2, k.Box.Y2, k.Score, (float)k.Class }).ToArray();
        using var harness = new DecoderHarness(GeneratedModels.Yolo("e2e", S, raw, [-1, kept.Length, 6], [(0, Shift), (2, Shift)]), S);
        var images = Images(width, height, batch);
        var (tensor, items, reds) = harness.Batch(images);
        using (tensor)
        using (var outputs = harness.Engine.Run([tensor]))
        {
            for (int i = 0; i < batch; i++)
            {
                var boxes = YoloDecoder.DecodeEndToEnd(outputs[0].Data.Slice(i * raw.Length, raw.Length), 0.25f)
                    .Select(k => k.MapWith(items[i].ToOriginal)).ToList();
                AssertKept(boxes, reds[i], images[i].Width, images[i].Height, $"item {i}");
            }
        }
        foreach (var m in images) m.Dispose();
    }

    /// <summary>
    /// The other resize modes, with their inverses written out independently: stretch scales each axis; top-left
    /// letterbox pads only right and bottom; centre crop covers the square and cuts the middle.
    /// </summary>
    [Theory]
    [InlineData(ResizeMode.Stretch, 640, 480)]
    [InlineData(ResizeMode.LetterboxTopLeft, 480, 640)]
    [InlineData(ResizeMode.LetterboxTopLeft, 1000, 200)]
    [InlineData(ResizeMode.CenterCrop, 640, 480)]
    [InlineData(ResizeMode.CenterCrop, 300, 700)]
    public void YOLOv8_boxes_invert_every_resize_mode(ResizeMode mode, int width, int height)
    {
        using var harness = new DecoderHarness(GeneratedModels.Yolo("v8", S, V8Raw(), [-1, 7, Anchors.Length]), S);
        using var image = DecoderHarness.Image(width, height, Scalar.All(60));
        var (tensor, items, _) = harness.Batch([image], mode);
        using (tensor)
        using (var outputs = harness.Engine.Run([tensor]))
        {
            var kept = Nms.Apply(YoloDecoder.DecodeV8(outputs[0].Data, Anchors.Length, 3, 0.25f), new NmsOptions())
                .Select(k => k.MapWith(items[0].ToOriginal)).ToList();
            BoxF Expected(BoxF t)
            {
                switch (mode)
                {
                    case ResizeMode.Stretch:
                        return new BoxF(t.X1 * width / (float)S, t.Y1 * height / (float)S, t.X2 * width / (float)S, t.Y2 * height / (float)S);
                    case ResizeMode.LetterboxTopLeft:
                        double scale = Math.Min((double)S / width, (double)S / height);
                        double sx = Math.Round(width * scale) / width, sy = Math.Round(height * scale) / height;
                        return new BoxF((float)(t.X1 / sx), (float)(t.Y1 / sy), (float)(t.X2 / sx), (float)(t.Y2 / sy));
                    default:
                        double cover = Math.Max((double)S / width, (double)S / height);
                        int newW = Math.Max(S, (int)Math.Round(width * cover)), newH = Math.Max(S, (int)Math.Round(height * cover));
                        int left = (newW - S) / 2, top = (newH - S) / 2;
                        return new BoxF((float)((t.X1 + left) * width / newW), (float)((t.Y1 + top) * height / newH),
                            (float)((t.X2 + left) * width / newW), (float)((t.Y2 + top) * height / newH));
                }
            }
            Assert.Equal(3, kept.Count);
            DecoderHarness.AssertBox(Expected(Anchors[0].Box), kept[0].Box, $"{mode} anchor 0");
            DecoderHarness.AssertBox(Expected(Anchors[4].Box), kept[1].Box, $"{mode} anchor 4");
        }
    }

    [Theory]
    [InlineData(640, 480)]
    [InlineData(200, 900)]
    public void SSD_boxes_decode_against_priors_and_as_plain_corners(int width, int height)
    {
        // Two anchors with priors; boxes encoded so that they decode to known normalised corners.
        float[] priors = [0.3f, 0.4f, 0.2f, 0.3f, 0.7f, 0.6f, 0.1f, 0.1f];
        var targets = new[] { new BoxF(0.18f, 0.22f, 0.42f, 0.6f), new BoxF(0.6f, 0.5f, 0.8f, 0.7f) };
        var encoded = new float[8];
        for (int a = 0; a < 2; a++)
        {
            var t = targets[a];
            float cx = (t.X1 + t.X2) / 2, cy = (t.Y1 + t.Y2) / 2;
            encoded[a * 4] = (cx - priors[a * 4]) / (0.1f * priors[a * 4 + 2]);
            encoded[a * 4 + 1] = (cy - priors[a * 4 + 1]) / (0.1f * priors[a * 4 + 3]);
            encoded[a * 4 + 2] = MathF.Log(t.Width / priors[a * 4 + 2]) / 0.2f;
            encoded[a * 4 + 3] = MathF.Log(t.Height / priors[a * 4 + 3]) / 0.2f;
        }
        float[] scores = [0.1f, 0.85f, 0.05f, 0.2f, 0.1f, 0.7f]; // [background, class 1, class 2] per anchor
        var corners = targets.SelectMany(t => new[] { t.X1, t.Y1, t.X2, t.Y2 }).ToArray();

        foreach (var (boxes, options) in new[] { (encoded, new SsdOptions { Priors = priors }), (corners, new SsdOptions()) })
        {
            using var harness = new DecoderHarness(GeneratedModels.Ssd(S, boxes, scores, 2, 3), S);
            // A batch of 4 differently shaped images: each item's boxes go back through its own letterbox.
            var images = Enumerable.Range(0, 4).Select(i => DecoderHarness.Image(width + 37 * i, height + 11 * i, Scalar.All(90))).ToList();
            var (tensor, items, _) = harness.Batch(images);
            using (tensor)
            using (var outputs = harness.Engine.Run([tensor]))
            {
                for (int i = 0; i < 4; i++)
                {
                    var found = SsdDecoder.Decode(outputs["boxes"].Data.Slice(i * 8, 8), outputs["scores"].Data.Slice(i * 6, 6), 3, S, S, 0.5f, options)
                        .Select(k => k.MapWith(items[i].ToOriginal)).ToList();
                    Assert.Equal([1, 2], found.Select(f => f.ClassId).ToArray());
                    for (int a = 0; a < 2; a++)
                    {
                        var t = targets[a];
                        var expected = DecoderHarness.ExpectedInOriginal(new BoxF(t.X1 * S, t.Y1 * S, t.X2 * S, t.Y2 * S), images[i].Width, images[i].Height, S);
                        DecoderHarness.AssertBox(expected, found[a].Box, $"SSD item {i} anchor {a} {(options.Priors is null ? "corners" : "priors")}");
                    }
                }
            }
            foreach (var m in images) m.Dispose();
        }
    }

    [Fact]
    public void Torchvision_boxes_labels_and_scores_decode_with_int64_labels()
    {
        float[] boxes = [10, 12, 30, 40, 40, 40, 60, 60];
        using var harness = new DecoderHarness(GeneratedModels.Torchvision(S, boxes, [3, 17], [0.95f, 0.3f]), S);
        using var image = DecoderHarness.Image(500, 250, Scalar.All(90));
        var (tensor, items, _) = harness.Batch([image]);
        using (tensor)
        using (var outputs = harness.Engine.Run([tensor]))
        {
            Assert.Equal(Inference.Engines.OutputElementType.Int64, outputs["labels"].ElementType);
            var found = SsdDecoder.DecodeTorchvision(outputs["boxes"].Data, outputs["labels"].ToFloatArray(), outputs["scores"].Data, 0.25f)
                .Select(k => k.MapWith(items[0].ToOriginal)).ToList();
            Assert.Equal([3, 17], found.Select(f => f.ClassId).ToArray());
            DecoderHarness.AssertBox(DecoderHarness.ExpectedInOriginal(new BoxF(10, 12, 30, 40), 500, 250, S), found[0].Box, "torchvision box 0");
            Assert.Single(SsdDecoder.DecodeTorchvision(outputs["boxes"].Data, outputs["labels"].ToFloatArray(), outputs["scores"].Data, 0.5f));
        }
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 4)]
    public void Classifier_logits_and_probabilities_give_the_same_top_k(bool softmaxInModel, int batch)
    {
        float[] logits = [0.5f, 2.5f, -1f, 1.5f];
        // Class 0's logit grows by 10 × mean red: item 3 (red 190/255) makes class 0 the best.
        using var harness = new DecoderHarness(GeneratedModels.Classifier(S, logits, softmaxInModel, [(0, 10)]), S);
        var images = Enumerable.Range(0, batch).Select(i => DecoderHarness.Image(100, 80, new Scalar(0, 0, 40 + 50 * i))).ToList();
        var (tensor, _, reds) = harness.Batch(images);
        using (tensor)
        using (var outputs = harness.Engine.Run([tensor]))
        {
            for (int i = 0; i < batch; i++)
            {
                var row = outputs[0].Data.Slice(i * 4, 4);
                var top = ClassificationDecoder.Decode(row, topK: 2);
                var expected = logits.ToArray();
                expected[0] += 10 * reds[i];
                var softmax = expected.Select(MathF.Exp).ToArray();
                float sum = softmax.Sum();
                var order = Enumerable.Range(0, 4).OrderByDescending(c => expected[c]).Take(2).ToArray();
                Assert.Equal(order, top.Select(t => t.ClassId).ToArray());
                Assert.Equal(softmax[order[0]] / sum, top[0].Score, 4);
            }
        }
        foreach (var m in images) m.Dispose();
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
