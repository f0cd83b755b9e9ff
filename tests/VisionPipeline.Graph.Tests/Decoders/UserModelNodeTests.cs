using OpenCvSharp;
using VisionPipeline.Core.Frames;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Definition.Decoding;
using VisionPipeline.Graph.Nodes.Heads;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Values;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Inference.Onnx;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Graph.Tests.Decoders;

/// <summary>Models users bring, as pipeline model nodes: decoders chosen from metadata and shapes, or set in the file.</summary>
public class UserModelNodeTests
{
    private const int S = 64;

    private static readonly Dictionary<string, string> Ultralytics = new()
    {
        ["task"] = "detect", ["names"] = "{0: 'person', 1: 'bicycle', 2: \"car's\"}", ["imgsz"] = "[64, 64]", ["stride"] = "32",
    };

    /// <summary>YOLOv8 raw output: one box (12,14)-(28,34) of class 2 at 0.9 and one (35,36)-(45,44) of class 0 at 0.6.</summary>
    private static float[] Raw(int anchors = 2)
    {
        var raw = new float[7 * anchors];
        void Box(int a, BoxF b, int cls, float score)
        {
            raw[a] = (b.X1 + b.X2) / 2; raw[anchors + a] = (b.Y1 + b.Y2) / 2; raw[2 * anchors + a] = b.Width; raw[3 * anchors + a] = b.Height;
            raw[(4 + cls) * anchors + a] = score;
        }
        Box(0, new BoxF(12, 14, 28, 34), 2, 0.9f);
        Box(1, new BoxF(35, 36, 45, 44), 0, 0.6f);
        return raw;
    }

    private static DetectionsValue Run(string modelFile, string extra, Mat image, out TempDirectory output)
    {
        output = new TempDirectory();
        var yaml = $"name: t\nnodes:\n  - id: image\n    kind: source.images\n  - id: det\n    kind: model\n    input: image\n    path: {modelFile}\n{extra}";
        var document = PipelineFileReader.Parse(Path.Combine(Path.GetDirectoryName(modelFile)!, "p.yaml"), yaml);
        using var graph = PipelineBuilder.Build(document, GraphHarness.Store, new EngineOptions { IntraOpThreads = 1 });
        using var frame = new Frame(image.Clone(), "x", "x.png", 0);
        using var context = new Execution.FrameContext(frame, new OutputLayout(output.Path));
        graph.Execute(context);
        return new DetectionsValue(context.Get<DetectionsValue>("det").Items.ToList());
    }

    [Theory]
    [InlineData(640, 480)]
    [InlineData(300, 900)]
    public void An_Ultralytics_detector_needs_no_settings(int width, int height)
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("yolo.onnx"), GeneratedModels.Yolo("v8", S, Raw(), [-1, 7, 2], metadata: Ultralytics));
        using var image = DecoderHarness.Image(width, height, Scalar.All(77));
        var found = Run(temp.File("yolo.onnx"), "", image, out var output).Items;
        using (output)
        {
            Assert.Equal(["car's", "person"], found.Select(d => d.Label).ToArray());
            // Boxes reaching into the padding are clipped to the image, as Ultralytics clips them.
            DecoderHarness.AssertBox(DecoderHarness.ExpectedInOriginal(new BoxF(12, 14, 28, 34), width, height, S).ClipTo(width, height), found[0].Box, "car box");
            DecoderHarness.AssertBox(DecoderHarness.ExpectedInOriginal(new BoxF(35, 36, 45, 44), width, height, S).ClipTo(width, height), found[1].Box, "person box");
        }
    }

    [Fact]
    public void The_pipeline_file_overrides_decoder_layout_thresholds_classes_and_labels()
    {
        using var temp = new TempDirectory();
        // No metadata: the layout [N, 2, 7] would pass for YOLOv5 rows; the file says it is YOLOv8 channels-first.
        File.WriteAllBytes(temp.File("bare.onnx"), GeneratedModels.Yolo("v8", S, Raw(), [-1, 7, 2]));
        File.WriteAllLines(temp.File("labels.txt"), ["pedestrian", "cycle", "auto"]);
        using var image = DecoderHarness.Image(400, 400, Scalar.All(77));
        var settings = "    decoder: yolo\n    layout: yolov8\n    input_size: [64, 64]\n    labels_file: labels.txt\n    score_threshold: 0.5\n    classes: [auto]\n";
        var found = Run(temp.File("bare.onnx"), settings, image, out var output).Items;
        using (output)
        {
            var only = Assert.Single(found);
            Assert.Equal("auto", only.Label);
            DecoderHarness.AssertBox(DecoderHarness.ExpectedInOriginal(new BoxF(12, 14, 28, 34), 400, 400, S), only.Box, "override box");
        }
    }

    [Fact]
    public void A_model_that_says_too_little_gets_errors_naming_the_fields_to_set()
    {
        using var temp = new TempDirectory();
        var b = new OnnxModelBuilder("odd");
        var x = b.Input("x", -1, 3, -1, -1);
        b.Identity(x, "y");
        b.Output("y");
        b.Output("z");
        b.Identity(x, "z");
        b.Save(temp.File("odd.onnx"));
        var yaml = $"name: t\nnodes:\n  - id: image\n    kind: source.images\n  - id: det\n    kind: model\n    input: image\n    path: odd.onnx\n";
        var e = Assert.Throws<PipelineValidationException>(() =>
            PipelineBuilder.Check(PipelineFileReader.Parse(temp.File("p.yaml"), yaml), GraphHarness.Store));
        Assert.Contains(e.Errors, x => x.Message.Contains("set 'input_size: [width, height]'"));

        var sized = yaml + "    input_size: [64, 64]\n";
        e = Assert.Throws<PipelineValidationException>(() =>
            PipelineBuilder.Check(PipelineFileReader.Parse(temp.File("p.yaml"), sized), GraphHarness.Store));
        Assert.Contains(e.Errors, x => x.Message.Contains("cannot tell how to decode outputs") && x.Message.Contains("set 'decoder'"));
    }

    [Fact]
    public void A_classifier_reads_its_labels_from_an_ImageNet_list_file()
    {
        using var temp = new TempDirectory();
        // 1,000 logits, class 2 the highest: "great white shark, …" in the ImageNet list.
        var logits = new float[1000];
        logits[2] = 12;
        logits[1] = 7;
        File.WriteAllBytes(temp.File("cls.onnx"), GeneratedModels.Classifier(32, logits, softmax: false));
        var labels = Path.Combine(AppContext.BaseDirectory, "Fixtures", "classification_classes_ILSVRC2012.txt");
        using var image = DecoderHarness.Image(200, 100, Scalar.All(10));
        var found = Run(temp.File("cls.onnx"), $"    input_size: [32, 32]\n    labels_file: {labels}\n    top_k: 2\n", image, out var output).Items;
        using (output)
        {
            Assert.Equal(["great white shark, white shark, man-eater, man-eating shark, Carcharodon carcharias", "goldfish, Carassius auratus"],
                found.Select(d => d.Label).ToArray());
            Assert.Equal(new BoxF(0, 0, 200, 100), found[0].Box);
            Assert.True(found[0].Score > 0.8f);
        }
    }

    [Fact]
    public void A_half_resolution_probability_map_comes_back_at_full_size_and_COCO_gets_the_models_names()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("half.onnx"), GeneratedModels.Semantic(64, [10, 0, -10], [0], 1, sigmoid: true, stride: 2));
        File.WriteAllBytes(temp.File("yolo.onnx"), GeneratedModels.Yolo("v8", S, Raw(), [-1, 7, 2], metadata: Ultralytics));
        using var output = new TempDirectory();
        var yaml = "name: t\nnodes:\n  - { id: image, kind: source.images }\n" +
                   "  - { id: red, kind: model, input: image, path: half.onnx, input_size: [64, 64], resize: letterbox }\n" +
                   "  - { id: det, kind: model, input: image, path: yolo.onnx }\n" +
                   "  - { id: results, kind: sink.jsonl, inputs: [red, det] }\n  - { id: coco, kind: sink.coco, inputs: [det] }\n";
        var document = PipelineFileReader.Parse(temp.File("p.yaml"), yaml);
        var layout = new OutputLayout(output.Path);
        using var graph = PipelineBuilder.Build(document, GraphHarness.Store, new EngineOptions { IntraOpThreads = 1 });
        using var image = DecoderHarness.Image(300, 200, new Scalar(255, 0, 0), m => m[new Rect(0, 0, 100, 200)].SetTo(new Scalar(0, 0, 255)));
        using var frame = new Frame(image.Clone(), "x", "x.png", 0);
        using var sinks = graph.OpenRecordSinks(layout);
        using (var context = new Execution.FrameContext(frame, layout))
        {
            graph.Execute(context);
            var mask = Assert.Single(context.Get<MasksValue>("red").Items).Mask;
            Assert.Equal(new Size(300, 200), mask.Size());
            Assert.InRange(Cv2.CountNonZero(mask), 95 * 200, 105 * 200); // the red third, to a tensor pixel
            sinks.Write(0, graph.Records.Build(context, null));
        }
        sinks.Complete();
        var coco = File.ReadAllText(Path.Combine(output.Path, "results.coco.json"));
        Assert.Contains("\"category_id\":3", coco); // "car's" is the third of the model's names
        Assert.Contains("\"category_id\":1", coco);
    }

    [Fact]
    public void An_Ultralytics_task_without_a_decoder_is_refused_by_name()
    {
        var info = new OnnxModelInfo([], [new TensorInfo("output0", [1, 56, 8400], "float")], new Dictionary<string, string> { ["task"] = "track" });
        Assert.Null(DecoderChooser.Choose(info, out var why));
        Assert.Contains("task 'track' has no decoder here", why);
        Assert.Contains("pose, obb", why);
    }

    [Fact]
    public void An_Ultralytics_detector_is_given_the_YOLO_decoder_and_its_layout()
    {
        var info = new OnnxModelInfo([], [new TensorInfo("output0", [1, 7, 8400], "float")], Ultralytics);
        var choice = DecoderChooser.Choose(info, out _);
        Assert.Same(DecoderKinds.Yolo, choice?.Decoder);
        Assert.Equal(YoloLayout.Yolov8, choice!.Layout);
    }

    [Theory]
    [InlineData(new long[] { 1, 84, 8400 }, YoloLayout.Yolov8)]
    [InlineData(new long[] { 1, 25200, 85 }, YoloLayout.Yolov5)]
    [InlineData(new long[] { 1, 300, 6 }, YoloLayout.End2end)]
    [InlineData(new long[] { 1, 116, 8400 }, YoloLayout.Yolov8)]
    public void The_YOLO_layout_is_read_from_the_output_shape(long[] shape, YoloLayout layout)
    {
        Assert.Equal(layout, DecoderChooser.YoloLayoutOf(shape));
    }

    [Fact]
    public void Ultralytics_names_and_image_size_are_read_from_the_metadata()
    {
        var info = new OnnxModelInfo([], [], Ultralytics);
        Assert.Equal(["person", "bicycle", "car's"], info.Names);
        Assert.Equal((64, 64), info.ImageSize);
    }

    [Theory]
    [InlineData("pose", "yolo-pose")]
    [InlineData("obb", "yolo-obb")]
    public void Ultralytics_pose_and_obb_models_get_their_decoders_from_the_task_metadata(string task, string decoder)
    {
        var info = new OnnxModelInfo([], [new TensorInfo("output0", [1, 56, 8400], "float")], new Dictionary<string, string> { ["task"] = task });
        Assert.Equal(decoder, DecoderChooser.Choose(info, out _)?.Decoder.Name);
    }

    [Theory]
    [InlineData("semantic", "semantic")]
    [InlineData("segment", "yolo-seg")]
    [InlineData("classify", "classify")]
    public void A_semantic_segmenter_gets_the_semantic_decoder_while_Ultralytics_segment_stays_instance_masks(string task, string decoder)
    {
        // vision train's segmenters say task=semantic; their one [1, C, H, W] output would also read as instance prototypes.
        var info = new OnnxModelInfo([], [new TensorInfo("output0", [1, 3, 64, 64], "float")], new Dictionary<string, string> { ["task"] = task });
        var choice = DecoderChooser.Choose(info, out var why);
        Assert.True(choice is not null, why);
        Assert.Equal(decoder, choice.Decoder.Name);
    }

    [Theory]
    [InlineData(640, 480)]
    [InlineData(300, 900)]
    public void A_YOLO_pose_model_needs_no_settings_and_its_keypoints_land_in_the_original_image(int width, int height)
    {
        // Generated fixture (no pose weights can be fetched here): 1 class and kpt_shape [2, 3], two anchors of
        // [4 + 1 + 2·3 = 11, 2] channels-first. Anchor 0: the box (12,14)-(28,34) at 0.9 with keypoints (15, 16)
        // visible 0.8 and (25, 30) visible 0.3; anchor 1 scores 0.1 and is dropped.
        int a = 2;
        var raw = new float[11 * a];
        raw[0] = 20; raw[a] = 24; raw[2 * a] = 16; raw[3 * a] = 20; raw[4 * a] = 0.9f;
        float[] keypoints = [15, 16, 0.8f, 25, 30, 0.3f];
        for (int k = 0; k < 6; k++) raw[(5 + k) * a] = keypoints[k];
        raw[1] = 40; raw[a + 1] = 40; raw[2 * a + 1] = 8; raw[3 * a + 1] = 8; raw[4 * a + 1] = 0.1f;
        var metadata = new Dictionary<string, string> { ["task"] = "pose", ["names"] = "{0: 'person'}", ["kpt_shape"] = "[2, 3]", ["imgsz"] = "[64, 64]" };
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("pose.onnx"), GeneratedModels.Yolo("v8", S, raw, [-1, 11, a], metadata: metadata));
        using var image = DecoderHarness.Image(width, height, Scalar.All(77));
        var found = Run(temp.File("pose.onnx"), "", image, out var output).Items;
        using (output)
        {
            var person = Assert.Single(found);
            Assert.Equal("person", person.Label);
            Assert.Equal(0.9f, person.Score, 4);
            DecoderHarness.AssertBox(DecoderHarness.ExpectedInOriginal(new BoxF(12, 14, 28, 34), width, height, S).ClipTo(width, height), person.Box, "pose box");
            Assert.Equal(0.8f, person.KeypointScores![0], 5);
            Assert.Equal(0.3f, person.KeypointScores[1], 5);
            for (int k = 0; k < 2; k++)
            {
                var expected = DecoderHarness.ExpectedInOriginal(new BoxF(keypoints[3 * k], keypoints[3 * k + 1], keypoints[3 * k], keypoints[3 * k + 1]), width, height, S);
                Assert.True(Math.Abs(person.Keypoints![k].X - expected.X1) < 0.5 && Math.Abs(person.Keypoints[k].Y - expected.Y1) < 0.5,
                    $"keypoint {k} at ({person.Keypoints[k].X}, {person.Keypoints[k].Y}), expected ({expected.X1}, {expected.Y1})");
            }
        }
    }

    [Fact]
    public void A_YOLO_obb_model_needs_no_settings_gives_rotated_polygons_and_suppresses_by_rotated_overlap()
    {
        // Generated fixture: 1 class, [4 + 1 + 1 = 6, 3] channels-first. Anchor 0: a 20 × 10 box centred at (32, 32)
        // turned by 30° at 0.8; anchor 1: nearly the same box at 0.7 (suppressed); anchor 2: the same box turned a
        // further 90° at 0.6, which crosses anchor 0 (rotated IoU 1/3, kept, though their bounding boxes overlap more).
        int a = 3;
        var raw = new float[6 * a];
        void Box(int i, float angle, float score)
        {
            raw[i] = 32; raw[a + i] = 32; raw[2 * a + i] = 20; raw[3 * a + i] = 10; raw[4 * a + i] = score; raw[5 * a + i] = angle;
        }
        Box(0, MathF.PI / 6, 0.8f);
        Box(1, MathF.PI / 6 + 0.05f, 0.7f);
        Box(2, MathF.PI / 6 + MathF.PI / 2, 0.6f);
        var metadata = new Dictionary<string, string> { ["task"] = "obb", ["names"] = "{0: 'plane'}", ["imgsz"] = "[64, 64]" };
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("obb.onnx"), GeneratedModels.Yolo("v8", S, raw, [-1, 6, a], metadata: metadata));
        using var image = DecoderHarness.Image(640, 480, Scalar.All(77));
        var found = Run(temp.File("obb.onnx"), "", image, out var output).Items;
        using (output)
        {
            Assert.Equal(2, found.Count);
            Assert.Equal(0.8f, found[0].Score, 4);
            Assert.Equal(0.6f, found[1].Score, 4);
            Assert.All(found, d => Assert.Equal("plane", d.Label));
            // Letterbox 640 × 480 → 64: scale 10, 8 rows of padding at the top. Corner 0 of anchor 0 in tensor pixels is
            // (32 + 10 cos 30° − 5 sin 30°, 32 + 10 sin 30° + 5 cos 30°).
            var polygon = found[0].Polygon!;
            Assert.Equal(4, polygon.Count);
            float c = MathF.Cos(MathF.PI / 6), s = MathF.Sin(MathF.PI / 6);
            Assert.Equal((32 + 10 * c - 5 * s) * 10, polygon[0].X, 1);
            Assert.Equal((32 + 10 * s + 5 * c - 8) * 10, polygon[0].Y, 1);
            Assert.Equal(polygon.Min(p => p.X), found[0].Box.X1, 1);
        }
    }
}
