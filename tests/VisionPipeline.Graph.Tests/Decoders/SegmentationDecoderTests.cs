using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Decoders.Common;
using VisionPipeline.Decoders.Detection;
using VisionPipeline.Decoders.Segmentation;
using VisionPipeline.Decoders.Suppression;

namespace VisionPipeline.Graph.Tests.Decoders;

/// <summary>Instance and semantic masks from generated ONNX models, brought back to the original image exactly.</summary>
public class SegmentationDecoderTests
{
    private const int S = 64;

    /// <summary>Pixels of the image whose centres map into the tensor rectangle: where a mask must be.</summary>
    private static Mat ExpectedMask(AffineMap imageToTensor, int width, int height, BoxF tensorRegion)
    {
        var expected = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                var t = imageToTensor.Apply(x + 0.5, y + 0.5);
                if (t.X > tensorRegion.X1 && t.X < tensorRegion.X2 && t.Y > tensorRegion.Y1 && t.Y < tensorRegion.Y2)
                    expected.Set(y, x, (byte)255);
            }
        return expected;
    }

    /// <summary>
    /// Masks agree except within <paramref name="band"/> pixels of the region's edge (an edge is only known to the
    /// resolution the model saw it at).
    /// </summary>
    private static void AssertSameRegion(Mat expected, Mat actual, string what, int band = 1)
    {
        using var difference = new Mat();
        Cv2.BitwiseXor(expected, actual, difference);
        using var edge = new Mat();
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(2 * band + 1, 2 * band + 1));
        using var grown = new Mat();
        using var shrunk = new Mat();
        Cv2.Dilate(expected, grown, kernel);
        Cv2.Erode(expected, shrunk, kernel);
        Cv2.Subtract(grown, shrunk, edge);
        using var offEdge = new Mat();
        Cv2.Subtract(difference, edge, offEdge);
        Assert.True(Cv2.CountNonZero(offEdge) == 0,
            $"{what}: {Cv2.CountNonZero(offEdge)} pixels differ away from the region's edge (expected area {Cv2.CountNonZero(expected)} in {Cv2.BoundingRect(expected)}, got {Cv2.CountNonZero(actual)} in {Cv2.BoundingRect(actual)})");
        Assert.True(Cv2.CountNonZero(expected) > 0, $"{what}: empty expected region");
    }

    [Theory]
    [InlineData(640, 480, 1)]
    [InlineData(300, 700, 1)]
    [InlineData(512, 512, 4)]
    public void YOLOv8_seg_masks_are_cropped_to_their_box_and_unletterboxed(int width, int height, int batch)
    {
        // 2 anchors, 1 class, 2 prototypes of 16×16 (stride 4). Prototype 0 is +10 on cells x 2..7, y 3..9 (tensor
        // 8..32 × 12..40), −10 elsewhere; prototype 1 is 0. Anchor 0 (score 0.9) uses coefficients [1, 0] and a box
        // larger than the region; anchor 1 is below the threshold.
        const int m = 2, p = 16, anchors = 2;
        var prototypes = new float[m * p * p];
        for (int y = 0; y < p; y++) for (int x = 0; x < p; x++) prototypes[y * p + x] = x is >= 2 and <= 7 && y is >= 3 and <= 9 ? 10 : -10;
        int channels = 4 + 1 + m;
        var raw = new float[channels * anchors];
        void Set(int row, int a, float v) => raw[row * anchors + a] = v;
        Set(0, 0, 22); Set(1, 0, 26); Set(2, 0, 36); Set(3, 0, 40); Set(4, 0, 0.9f); Set(5, 0, 1); Set(6, 0, 0);
        Set(0, 1, 50); Set(1, 1, 50); Set(2, 1, 4); Set(3, 1, 4); Set(4, 1, 0.1f);

        using var harness = new DecoderHarness(GeneratedModels.YoloSeg(S, raw, channels, anchors, prototypes, m, p), S);
        var images = Enumerable.Range(0, batch).Select(i => DecoderHarness.Image(width + 5 * i, height, Scalar.All(100))).ToList();
        var (tensor, items, _) = harness.Batch(images);
        using (tensor)
        using (var outputs = harness.Engine.Run([tensor]))
        {
            for (int i = 0; i < batch; i++)
            {
                var found = YoloDecoder.DecodeV8(outputs["output0"].Data.Slice(i * channels * anchors, channels * anchors), anchors, 1, 0.25f, m);
                var kept = Nms.Apply(found, new NmsOptions()).Select(k => k.MapWith(items[i].ToOriginal)).ToList();
                var instance = Assert.Single(kept);
                int w = images[i].Width;
                DecoderHarness.AssertBox(DecoderHarness.ExpectedInOriginal(new BoxF(4, 6, 40, 46), w, height, S), instance.Box, "seg box");

                var masks = InstanceMaskDecoder.Decode(outputs["output1"].Data.Slice(i * m * p * p, m * p * p), m, p, p, kept,
                    items[i].ToTensor, S, S, w, height);
                using var mask = Assert.Single(masks);
                using var expected = ExpectedMask(items[i].ToTensor, w, height, new BoxF(8, 12, 32, 40));
                // Edges land within a pixel; bilinear upsampling (16 → 64 → image) rounds the corners, so the shape
                // is compared by IoU.
                var (e, a) = (Cv2.BoundingRect(expected), Cv2.BoundingRect(mask));
                Assert.True(Math.Abs(e.Left - a.Left) <= 1 && Math.Abs(e.Top - a.Top) <= 1 && Math.Abs(e.Right - a.Right) <= 1 && Math.Abs(e.Bottom - a.Bottom) <= 1,
                    $"item {i}: mask spans {a}, expected {e}");
                using var both = new Mat();
                using var either = new Mat();
                Cv2.BitwiseAnd(expected, mask, both);
                Cv2.BitwiseOr(expected, mask, either);
                double iou = (double)Cv2.CountNonZero(both) / Cv2.CountNonZero(either);
                Assert.True(iou > 0.98, $"item {i}: mask IoU with the expected region is {iou:0.000}");
            }
        }
        foreach (var image in images) image.Dispose();
    }

    [Theory]
    [InlineData(ResizeMode.Letterbox, 640, 360)]
    [InlineData(ResizeMode.LetterboxTopLeft, 360, 640)]
    [InlineData(ResizeMode.Stretch, 500, 300)]
    [InlineData(ResizeMode.CenterCrop, 300, 500)]
    public void Semantic_logits_give_the_class_map_back_at_the_original_size(ResizeMode mode, int width, int height)
    {
        // Class 1 = red − blue, class 0 = blue − red (1×1 convolution on RGB input). Left part red, the rest blue;
        // the grey padding ties and goes to class 0.
        using var harness = new DecoderHarness(GeneratedModels.Semantic(S, [-1, 0, 1, 1, 0, -1], [0, 0], 2, sigmoid: false), S);
        int split = width * 2 / 5;
        using var image = DecoderHarness.Image(width, height, new Scalar(255, 0, 0), m => m[new Rect(0, 0, split, height)].SetTo(new Scalar(0, 0, 255)));
        var (tensor, items, _) = harness.Batch([image], mode);
        using (tensor)
        using (var outputs = harness.Engine.Run([tensor]))
        {
            Assert.Equal([1, 2, S, S], outputs[0].Shape);
            using var classes = SemanticMaskDecoder.ClassMap(outputs[0].Data, 2, S, S, items[0].ToTensor, width, height);
            using var red = SemanticMaskDecoder.MaskOf(classes, 1);
            // What the model saw of the image, class 1 where it was red.
            // The red columns the model saw; rows it did not see (cut by the centre crop) are in no mask.
            var visible = items[0].ToOriginal.Apply(new BoxF(0, 0, S, S)).ClipTo(width, height);
            using var expected = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
            int top = (int)Math.Round(visible.Y1), bottom = (int)Math.Round(visible.Y2);
            expected[new Rect((int)Math.Round(visible.X1), top, (int)Math.Round(Math.Min(split, visible.X2) - visible.X1), bottom - top)].SetTo(Scalar.All(255));
            // The red/blue edge is blurred over one tensor pixel by the input resize.
            int band = (int)Math.Ceiling(Math.Max(visible.Width, visible.Height) / S) + 1;
            AssertSameRegion(expected, red, $"{mode} class map", band);
        }
    }

    [Fact]
    public void A_single_channel_probability_map_is_thresholded_at_the_original_size()
    {
        using var harness = new DecoderHarness(GeneratedModels.Semantic(S, [10, 0, -10], [0], 1, sigmoid: true), S);
        int split = 220;
        using var image = DecoderHarness.Image(600, 400, new Scalar(255, 0, 0), m => m[new Rect(0, 0, split, 400)].SetTo(new Scalar(0, 0, 255)));
        var (tensor, items, _) = harness.Batch([image]);
        using (tensor)
        using (var outputs = harness.Engine.Run([tensor]))
        {
            Assert.Equal([1, 1, S, S], outputs[0].Shape);
            using var mask = ProbabilityMaskDecoder.ToBinaryMask(outputs[0].Data, S, S, items[0].ToTensor, 600, 400, 0.5f);
            using var expected = new Mat(400, 600, MatType.CV_8UC1, Scalar.All(0));
            expected[new Rect(0, 0, split, 400)].SetTo(Scalar.All(255));
            AssertSameRegion(expected, mask, "probability mask", band: 600 / S + 1);
        }
    }
}
