using System.Globalization;
using System.Text.Json;
using OpenCvSharp;
using VisionPipeline.Datasets.Masks;
using VisionPipeline.Inference.Onnx;
using VisionPipeline.TestSupport;
using Xunit.Abstractions;

namespace VisionPipeline.Cli.Tests;

/// <summary>`vision eval` end to end: the real program, real files, the JSON contract, errors and the HTML report.</summary>
public class EvalCommandTests(ITestOutputHelper output)
{
    private static readonly string[] CocoKeys = ["AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"];

    private static JsonElement ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    [Fact]
    public void Detection_json_holds_the_twelve_COCO_numbers_and_per_class_AP_equal_to_numpy_COCOeval()
    {
        // A case of the numpy COCOeval fixture (Evaluation tests), written as COCO files with non-contiguous ids.
        var golden = ReadJson(Path.Combine(RepoPaths.Root, "tests/VisionPipeline.Evaluation.Tests/Fixtures/coco-golden.json")).GetProperty("cases")[1];
        var problem = golden.GetProperty("problem");
        using var dir = new TempDirectory();
        var categories = problem.GetProperty("categories").EnumerateArray().Select(c => c.GetInt64()).ToList();
        File.WriteAllText(dir.File("gt.json"), JsonSerializer.Serialize(new
        {
            images = problem.GetProperty("images").EnumerateArray().Select(i => new { id = i.GetInt64(), file_name = $"{i}.jpg", width = 640, height = 480 }),
            categories = categories.Select(c => new { id = c, name = $"class{c}" }),
            annotations = problem.GetProperty("gts"),
        }));
        File.WriteAllText(dir.File("results.json"), JsonSerializer.Serialize(problem.GetProperty("dts").EnumerateArray()
            .Select(d => new { image_id = d.GetProperty("image_id"), category_id = d.GetProperty("category_id"), bbox = d.GetProperty("bbox"), score = d.GetProperty("score") })));

        var run = VisionProcess.Run("eval", "detection", "--gt", dir.File("gt.json"), "--pred", dir.File("results.json"), "--json", dir.File("out.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ]", run.Stdout);
        var json = ReadJson(dir.File("out.json"));
        var expected = golden.GetProperty("stats").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        for (int i = 0; i < CocoKeys.Length; i++)
            Assert.True(expected[i].Equals(json.GetProperty(CocoKeys[i]).GetDouble()), $"{CocoKeys[i]}: numpy {expected[i]:R}, vision {json.GetProperty(CocoKeys[i])}");
        foreach (var kv in golden.GetProperty("per_class").EnumerateObject())
            Assert.Equal(kv.Value.GetDouble(), json.GetProperty("per_class").GetProperty(kv.Name).GetDouble());
    }

    [Fact]
    public void Segm_evaluation_reads_polygon_uncompressed_and_compressed_RLE_and_writes_minus_one_where_undefined()
    {
        using var dir = new TempDirectory();
        // Image 40×40. Object 1: a polygon square; object 2: the same kind of square as uncompressed RLE.
        double[] square = [2, 2, 18, 2, 18, 18, 2, 18];
        var squareMask = Rle.FromPolygon(square, 40, 40);
        var second = Rle.FromBbox(new VisionPipeline.Datasets.BoxXywh(22, 22, 16, 16), 40, 40);
        File.WriteAllText(dir.File("gt.json"), JsonSerializer.Serialize(new
        {
            images = new[] { new { id = 1, file_name = "a.png", width = 40, height = 40 } },
            categories = new[] { new { id = 5, name = "thing" } },
            annotations = new object[]
            {
                new { id = 1, image_id = 1, category_id = 5, bbox = new[] { 2.0, 2, 16, 16 }, area = (double)squareMask.Area, iscrowd = 0, segmentation = new[] { square } },
                new { id = 2, image_id = 1, category_id = 5, bbox = new[] { 22.0, 22, 16, 16 }, area = (double)second.Area, iscrowd = 0,
                      segmentation = new { size = new[] { 40, 40 }, counts = second.CountList } },
            },
        }));
        // The detections are the exact masks, compressed: IoU 1 at every threshold.
        File.WriteAllText(dir.File("results.json"), JsonSerializer.Serialize(new object[]
        {
            new { image_id = 1, category_id = 5, score = 0.9, segmentation = new { size = new[] { 40, 40 }, counts = squareMask.ToCompressedString() } },
            new { image_id = 1, category_id = 5, score = 0.8, segmentation = new { size = new[] { 40, 40 }, counts = second.ToCompressedString() } },
        }));

        var run = VisionProcess.Run("eval", "detection", "--gt", dir.File("gt.json"), "--pred", dir.File("results.json"), "--iou-type", "segm", "--json", dir.File("out.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = ReadJson(dir.File("out.json"));
        // Two true positives in a row: precision 1/(1+eps) then exactly 1, envelope 1 everywhere.
        Assert.Equal(1, json.GetProperty("AP").GetDouble());
        Assert.Equal(1, json.GetProperty("AR100").GetDouble());
        Assert.Equal(1, json.GetProperty("APs").GetDouble());
        Assert.Equal(-1, json.GetProperty("APm").GetDouble());
        Assert.Equal(-1, json.GetProperty("ARl").GetDouble());
        Assert.Equal(1, json.GetProperty("per_class").GetProperty("5").GetDouble());
    }

    [Fact]
    public void A_malformed_result_is_one_line_naming_the_file_and_the_result_and_no_json_is_written()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("gt.json"), """{"images":[{"id":1,"file_name":"a.jpg","width":10,"height":10}],"categories":[{"id":1,"name":"a"}],"annotations":[]}""");
        File.WriteAllText(dir.File("results.json"), """[{"image_id":1,"category_id":1,"bbox":[0,0,1,1],"score":0.5},{"image_id":1,"category_id":1,"bbox":[0,0,1,1]}]""");

        var run = VisionProcess.Run("eval", "detection", "--gt", dir.File("gt.json"), "--pred", dir.File("results.json"), "--json", dir.File("out.json"));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("results.json:1:62: result #1: missing \"score\"", line); // at the result that lacks it
        Assert.False(File.Exists(dir.File("out.json")), "no metrics file may be written when the results cannot be read");
    }

    [Fact]
    public void Classification_json_has_the_contract_keys_and_the_report_is_one_offline_file()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("gt.csv"), "id,label\n1,cat\n2,dog\n3,cat\n4,bird\n");
        File.WriteAllText(dir.File("pred.csv"), "id,label,cat,dog,bird\n1,cat,0.7,0.2,0.1\n2,cat,0.5,0.4,0.1\n3,cat,0.9,0.05,0.05\n4,bird,0.2,0.2,0.6\n");

        var run = VisionProcess.Run("eval", "classification", "--gt", dir.File("gt.csv"), "--pred", dir.File("pred.csv"), "--json", dir.File("out.json"), "--report", dir.File("report"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = ReadJson(dir.File("out.json"));
        Assert.Equal(["accuracy", "top5", "macro_f1", "micro_f1", "weighted_f1", "per_class", "confusion"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.75, json.GetProperty("accuracy").GetDouble());
        Assert.Equal(1, json.GetProperty("top5").GetDouble());
        Assert.Equal(1, json.GetProperty("confusion").GetProperty("matrix")[1][0].GetInt64());
        var html = File.ReadAllText(dir.File("report/report.html"));
        Assert.Contains("<svg", html);
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Classification_runs_a_classifier_model_over_an_ImageFolder_and_scores_its_predictions()
    {
        using var dir = new TempDirectory();
        // Generated classifier (no ImageNet classifier can be had here): logits constant, class 1 'dog' always wins.
        var b = new VisionPipeline.Inference.Onnx.OnnxModelBuilder("classifier");
        var x = b.Input("images", 1, 3, 32, 32);
        var means = b.Reshape(b.GlobalAveragePool(x), [1, 3]);
        b.Gemm(means, b.Constant(new float[3 * 2], 3, 2), b.Constant([0.5f, 2.5f], 1, 2), output: "output0");
        b.Output("output0");
        b.Metadata("task", "classify").Metadata("names", "{0: 'cat', 1: 'dog'}").Metadata("imgsz", "[32, 32]");
        b.Save(dir.File("classifier.onnx"));
        string[] dogs = ["messi5.jpg", "baboon.jpg", "fruits.jpg"], cats = ["orange.jpg"];
        foreach (var (label, names) in new[] { ("dog", dogs), ("cat", cats) })
        {
            Directory.CreateDirectory(dir.File($"set/{label}"));
            foreach (var name in names) File.Copy(RepoPaths.Sample(name), dir.File($"set/{label}/{name}"));
        }

        var run = VisionProcess.Run("eval", "classification", "--gt", dir.File("set"), "--model", dir.File("classifier.onnx"), "--json", dir.File("out.json"));
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("out.json")));
        Assert.Equal(0.75, json.RootElement.GetProperty("accuracy").GetDouble());
        Assert.Equal(1.0, json.RootElement.GetProperty("top5").GetDouble());
        Assert.Equal(1.0, json.RootElement.GetProperty("per_class").GetProperty("dog").GetProperty("recall").GetDouble());
        Assert.Equal(0.0, json.RootElement.GetProperty("per_class").GetProperty("cat").GetProperty("recall").GetDouble());
    }

    [Fact]
    public void Segmentation_counts_every_readable_pair_and_reports_the_missing_and_corrupt_ones()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("gt"));
        Directory.CreateDirectory(dir.File("pred"));
        // Generated label maps: left half class 0, right half class 1, one ignored row; the prediction shifts the
        // border by 2 columns. 20×10 each: per image, class 0 truth 90 (10 cols × 9 rows), class 1 truth 90.
        for (int i = 0; i < 2; i++)
        {
            using var truth = new Mat(10, 20, MatType.CV_8UC1, Scalar.All(0));
            truth[new Rect(10, 0, 10, 10)].SetTo(Scalar.All(1));
            truth[new Rect(0, 9, 20, 1)].SetTo(Scalar.All(255));
            using var predicted = new Mat(10, 20, MatType.CV_8UC1, Scalar.All(0));
            predicted[new Rect(12, 0, 8, 10)].SetTo(Scalar.All(1));
            Cv2.ImWrite(dir.File($"gt/{i}.png"), truth);
            Cv2.ImWrite(dir.File($"pred/{i}.png"), predicted);
        }
        using (var lonely = new Mat(10, 20, MatType.CV_8UC1, Scalar.All(0))) Cv2.ImWrite(dir.File("gt/missing.png"), lonely);
        using (var fine = new Mat(10, 20, MatType.CV_8UC1, Scalar.All(0))) Cv2.ImWrite(dir.File("gt/corrupt.png"), fine);
        File.WriteAllText(dir.File("pred/corrupt.png"), "not a png");

        var run = VisionProcess.Run("eval", "segmentation", "--gt", dir.File("gt"), "--pred", dir.File("pred"), "--num-classes", "3", "--json", dir.File("out.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("missing.png: no prediction", run.Stderr);
        Assert.Contains("corrupt.png: cannot decode", run.Stderr);
        var json = ReadJson(dir.File("out.json"));
        // Over 2 images: class 0 TP 180, FP 36 (the 2 shifted columns × 9 rows × 2), class 1 TP 144, FN 36.
        Assert.Equal(180.0 / 216, json.GetProperty("per_class_iou")[0].GetDouble(), 12);
        Assert.Equal(144.0 / 180, json.GetProperty("per_class_iou")[1].GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("per_class_iou")[2].ValueKind);
        Assert.Equal((180.0 / 216 + 144.0 / 180) / 2, json.GetProperty("miou").GetDouble(), 12);
        Assert.Equal(324.0 / 360, json.GetProperty("pixel_accuracy").GetDouble(), 12);
        Assert.Equal((1 + 0.8) / 2, json.GetProperty("mean_class_accuracy").GetDouble(), 12);
        Assert.Equal(0.5 * 180.0 / 216 + 0.5 * 0.8, json.GetProperty("fwiou").GetDouble(), 12);
        Assert.True(json.TryGetProperty("dice", out _));
    }

    [Fact]
    public void YOLO_ground_truth_and_YOLO_predictions_with_confidences_evaluate_together()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("set/images/val"));
        Directory.CreateDirectory(dir.File("set/labels/val"));
        Directory.CreateDirectory(dir.File("pred"));
        using (var image = new Mat(50, 100, MatType.CV_8UC3, Scalar.All(90))) Cv2.ImWrite(dir.File("set/images/val/a.png"), image); // generated
        File.WriteAllText(dir.File("set/data.yaml"), "names: [cat, dog]\nval: images/val\n");
        File.WriteAllText(dir.File("set/labels/val/a.txt"), "0 0.5 0.5 0.2 0.4\n");
        File.WriteAllText(dir.File("pred/a.txt"), "0 0.5 0.5 0.2 0.4 0.9\n1 0.1 0.1 0.1 0.1 0.3\n");

        var run = VisionProcess.Run("eval", "detection", "--gt", dir.File("set"), "--pred", dir.File("pred"), "--json", dir.File("out.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = ReadJson(dir.File("out.json"));
        Assert.Equal(1 / (1 + Math.Pow(2, -52)), json.GetProperty("per_class").GetProperty("0").GetDouble(), 15);
        Assert.Equal(-1, json.GetProperty("per_class").GetProperty("1").GetDouble());
        Assert.Equal(0.5, json.GetProperty("at_conf").GetProperty("precision").GetDouble());
        Assert.Equal(0.9, json.GetProperty("best_f1").GetProperty("conf").GetDouble());
        Assert.Equal(1, json.GetProperty("best_f1").GetProperty("f1").GetDouble());
    }

    /// <summary>
    /// PP-OCRv4 det from the zoo on a generated labelled set: words rendered with OpenCV PutText onto six of the real
    /// sample photos (those without text of their own), each word's box the bounding box of its rendered pixels.
    /// The detector must find most words (AP50 well above chance); the measured numbers are printed.
    /// </summary>
    [Fact]
    public void The_zoo_text_detector_finds_rendered_words_on_real_photos()
    {
        using var dir = new TempDirectory();
        WriteRenderedWordSet(dir.Path);
        File.WriteAllText(dir.File("det.yaml"), """
            name: text-detection
            nodes:
              - { id: image, kind: source.images }
              - { id: text_boxes, kind: model, input: image, model: ppocr-det }
              - { id: results, kind: sink.jsonl, inputs: [text_boxes] }
            """);

        var run = VisionProcess.Run("eval", "detection", "--gt", dir.File("gt.json"), "--pipeline", dir.File("det.yaml"),
            "--json", dir.File("out.json"), "--report", dir.File("report"));

        Assert.True(run.ExitCode == 0, run.ToString());
        output.WriteLine(run.Stdout);
        var json = ReadJson(dir.File("out.json"));
        Assert.True(json.GetProperty("AP50").GetDouble() > 0.5, $"AP50 {json.GetProperty("AP50")} on clearly rendered words\n{run.Stdout}");
        Assert.Contains("data:image/jpeg;base64,", File.ReadAllText(dir.File("report/report.html")));
    }

    private static readonly string[] Photos = ["baboon.jpg", "basketball1.png", "building.jpg", "fruits.jpg", "messi5.jpg", "orange.jpg"];
    private static readonly string[] Words = ["VISION", "pipeline", "Metric", "OpenCV", "2026", "Sample", "evaluate", "BOX", "recall", "Hello", "precision", "Text"];
    private static readonly HersheyFonts[] Fonts = [HersheyFonts.HersheySimplex, HersheyFonts.HersheyDuplex, HersheyFonts.HersheyTriplex];

    /// <summary>Writes images and gt.json (COCO, category "text") into <paramref name="root"/>.</summary>
    private static void WriteRenderedWordSet(string root, int seed = 7)
    {
        var random = new Random(seed);
        var images = new List<object>();
        var annotations = new List<object>();
        int imageId = 0;
        foreach (var photo in Photos)
        {
            using var image = Cv2.ImRead(RepoPaths.Sample(photo), ImreadModes.Color);
            var placed = new List<Rect>();
            for (int attempt = 0; attempt < 60 && placed.Count < 5; attempt++)
            {
                string word = Words[random.Next(Words.Length)];
                var font = Fonts[random.Next(Fonts.Length)];
                double scale = image.Width / 640.0 * (0.9 + random.NextDouble() * 1.1);
                int thickness = Math.Max(2, (int)Math.Round(scale * 2));
                var size = Cv2.GetTextSize(word, font, scale, thickness + 4, out int baseline);
                if (size.Width + 10 >= image.Width || size.Height + baseline + 10 >= image.Height) continue;
                var origin = new Point(random.Next(5, image.Width - size.Width - 5), random.Next(size.Height + 5, image.Height - baseline - 5));
                // The box is measured, not assumed: render on an empty mask and take the extent of its pixels.
                using var mask = new Mat(image.Size(), MatType.CV_8UC1, Scalar.All(0));
                Cv2.PutText(mask, word, origin, font, scale, Scalar.All(255), thickness + 4, LineTypes.AntiAlias);
                var extent = Cv2.BoundingRect(mask);
                var padded = new Rect(extent.X - 6, extent.Y - 6, extent.Width + 12, extent.Height + 12);
                if (placed.Any(p => (p & padded).Width > 0)) continue;
                placed.Add(padded);
                Cv2.PutText(image, word, origin, font, scale, Scalar.All(0), thickness + 4, LineTypes.AntiAlias);
                Cv2.PutText(image, word, origin, font, scale, Scalar.All(255), thickness, LineTypes.AntiAlias);
                annotations.Add(new
                {
                    id = annotations.Count + 1,
                    image_id = imageId + 1,
                    category_id = 1,
                    bbox = new[] { extent.X, extent.Y, extent.Width, extent.Height },
                    area = extent.Width * extent.Height,
                    iscrowd = 0,
                });
            }
            var name = $"{Path.GetFileNameWithoutExtension(photo)}-words.png";
            Cv2.ImWrite(Path.Combine(root, name), image);
            images.Add(new { id = ++imageId, file_name = name, width = image.Width, height = image.Height });
        }
        File.WriteAllText(Path.Combine(root, "gt.json"), JsonSerializer.Serialize(new
        {
            images,
            categories = new[] { new { id = 1, name = "text" } },
            annotations,
        }));
    }

    /// <summary>
    /// A generated semantic model: 1×1 Conv logits [1, 3, 64, 64] from the normalized RGB input, channel 0 = 0,
    /// channel 1 = R − B, channel 2 = B − R, so the class map is "reddish" 1, "bluish" 2, otherwise 0.
    /// </summary>
    private static byte[] SemanticModel()
    {
        var b = new OnnxModelBuilder("semantic");
        var x = b.Input("input", 1, 3, 64, 64);
        float[] weights = [0, 0, 0, 1, 0, -1, -1, 0, 1];
        b.Conv(x, b.Constant(weights, 3, 3, 1, 1), b.Constant(new float[3], 3), [1, 1], output: "logits");
        b.Output("logits", dims: [1, 3, 64, 64]);
        return b.ToBytes();
    }

    /// <summary>A generated mask dataset of three sample photos: truth 1 where red exceeds blue, 2 where blue exceeds red, top rows ignored.</summary>
    private static void WriteMaskDataset(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "images"));
        Directory.CreateDirectory(Path.Combine(root, "masks"));
        foreach (var photo in new[] { "messi5.jpg", "orange.jpg", "text_motion.jpg" })
        {
            File.Copy(RepoPaths.Sample(photo), Path.Combine(root, "images", photo));
            using var image = Cv2.ImRead(RepoPaths.Sample(photo), ImreadModes.Color);
            var channels = image.Split();
            using var truth = new Mat(image.Size(), MatType.CV_8UC1, Scalar.All(0));
            using (var red = new Mat()) { Cv2.Compare(channels[2], channels[0], red, CmpTypes.GT); truth.SetTo(Scalar.All(1), red); }
            using (var blue = new Mat()) { Cv2.Compare(channels[0], channels[2], blue, CmpTypes.GT); truth.SetTo(Scalar.All(2), blue); }
            truth[new Rect(0, 0, truth.Width, 5)].SetTo(Scalar.All(255));
            foreach (var c in channels) c.Dispose();
            Cv2.ImWrite(Path.Combine(root, "masks", Path.ChangeExtension(photo, ".png")), truth);
        }
    }

    [Fact]
    public void Segmentation_with_a_model_equals_evaluating_its_label_maps_as_files()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("seg.onnx"), SemanticModel());
        WriteMaskDataset(dir.File("set"));

        var run = VisionProcess.Run("eval", "segmentation", "--gt", dir.File("set"), "--model", dir.File("seg.onnx"), "--num-classes", "3",
            "--output", dir.File("run"), "--json", dir.File("model.json"));
        Assert.True(run.ExitCode == 0, run.ToString());

        // The same prediction rebuilt here from results.jsonl (each mask PNG painted with its class_index on class 0).
        Directory.CreateDirectory(dir.File("pred"));
        var classesSeen = new HashSet<int>();
        foreach (var record in File.ReadLines(dir.File("run/results.jsonl")).Select(Core.Results.ResultJson.Deserialize))
        {
            using var labels = new Mat(record.Height, record.Width, MatType.CV_8UC1, Scalar.All(0));
            foreach (var mask in record.Masks)
            {
                Assert.True(mask.ClassIndex is 1 or 2, $"{record.Image}: mask '{mask.Label}' has class_index {mask.ClassIndex}, expected 1 or 2 (0 is the background)");
                Assert.True(mask.Path is not null, $"{record.Image}: the single-model pipeline saved no mask PNG");
                using var pixels = Cv2.ImRead(dir.File(Path.Combine("run", mask.Path!)), ImreadModes.Grayscale);
                labels.SetTo(Scalar.All(mask.ClassIndex!.Value), pixels);
                classesSeen.Add(mask.ClassIndex.Value);
            }
            Cv2.ImWrite(dir.File($"pred/{Path.GetFileNameWithoutExtension(record.Image)}.png"), labels);
        }
        Assert.True(classesSeen.SetEquals([1, 2]), $"the fixture should predict both classes somewhere; saw {string.Join(",", classesSeen)}");
        var files = VisionProcess.Run("eval", "segmentation", "--gt", dir.File("set"), "--pred", dir.File("pred"), "--num-classes", "3", "--json", dir.File("files.json"));
        Assert.True(files.ExitCode == 0, files.ToString());

        var fromModel = ReadJson(dir.File("model.json"));
        var fromFiles = ReadJson(dir.File("files.json"));
        foreach (var key in new[] { "miou", "pixel_accuracy", "mean_class_accuracy", "fwiou", "dice", "per_class_iou", "per_class_dice" })
            Assert.True(fromModel.GetProperty(key).GetRawText() == fromFiles.GetProperty(key).GetRawText(),
                $"{key}: --model gave {fromModel.GetProperty(key).GetRawText()}, the label maps as files {fromFiles.GetProperty(key).GetRawText()}");
        Assert.InRange(fromModel.GetProperty("pixel_accuracy").GetDouble(), 0.3, 1.0);
    }

    [Fact]
    public void Segmentation_with_a_model_needs_a_mask_dataset()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("seg.onnx"), SemanticModel());
        Directory.CreateDirectory(dir.File("maps"));
        var run = VisionProcess.Run("eval", "segmentation", "--gt", dir.File("maps"), "--model", dir.File("seg.onnx"), "--num-classes", "3");
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("must be a mask dataset", run.Stderr);
    }

    [Fact]
    public void Segmentation_names_the_ground_truth_file_when_the_bad_label_is_in_it()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("gt"));
        Directory.CreateDirectory(dir.File("pred"));
        // Generated 4×4 maps: the ground truth holds label 7 with 3 classes, the prediction is valid.
        using (var truth = new Mat(4, 4, MatType.CV_8UC1, Scalar.All(7))) Cv2.ImWrite(dir.File("gt/a.png"), truth);
        using (var predicted = new Mat(4, 4, MatType.CV_8UC1, Scalar.All(1))) Cv2.ImWrite(dir.File("pred/a.png"), predicted);

        var run = VisionProcess.Run("eval", "segmentation", "--gt", dir.File("gt"), "--pred", dir.File("pred"), "--num-classes", "3");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.True(run.Stderr.Contains($"error: {dir.File("gt/a.png")}: ground truth has label 7"), $"the error should name the ground-truth file:\n{run.Stderr}");
    }
}
