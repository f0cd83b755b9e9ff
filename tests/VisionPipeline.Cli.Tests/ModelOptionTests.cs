using VisionPipeline.Core.Results;
using VisionPipeline.Inference.Onnx;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

/// <summary>`vision run --model FILE`: a model users bring, with no pipeline file (generated ONNX fixtures).</summary>
public class ModelOptionTests
{
    /// <summary>A YOLOv8-layout detector with Ultralytics metadata whose output is one fixed box of class 1.</summary>
    private static byte[] Detector()
    {
        var b = new OnnxModelBuilder("yolo");
        var x = b.Input("images", 1, 3, 64, 64);
        float[] raw = [32, 32, 20, 10, 0.1f, 0.9f]; // one anchor: cx, cy, w, h, class 0, class 1
        var means = b.Reshape(b.GlobalAveragePool(x), [1, 3]);
        var y = b.Gemm(means, b.Constant(new float[3 * raw.Length], 3, raw.Length), b.Constant(raw, 1, raw.Length));
        b.Reshape(y, [1, 6, 1], "output0");
        b.Output("output0");
        b.Metadata("task", "detect").Metadata("names", "{0: 'cat', 1: 'dog'}").Metadata("imgsz", "[64, 64]");
        return b.ToBytes();
    }

    [Fact]
    public void A_detector_with_Ultralytics_metadata_runs_with_no_settings()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("dog.onnx"), Detector());
        var result = VisionProcess.Run("run", "--model", temp.File("dog.onnx"), "-i", "sample-images/messi5.jpg", "-o", temp.File("out"));
        Assert.True(result.ExitCode == 0, result.ToString());
        var record = ResultJson.Deserialize(File.ReadAllLines(temp.File("out/results.jsonl")).Single());
        var dog = Assert.Single(record.Detections);
        Assert.Equal("dog", dog.Label);
        // (22, 27)–(42, 37) in the 64×64 letterbox of a 548×342 image: scale 64/548, 20 px of padding on top.
        double scale = 548.0 / 64, top = (64 - Math.Round(342 * 64.0 / 548)) / 2;
        Assert.InRange(dog.Box[0], 22 * scale - 0.5, 22 * scale + 0.5);
        Assert.InRange(dog.Box[1], (27 - top) * 342 / Math.Round(342 * 64.0 / 548) - 0.5, (27 - top) * 342 / Math.Round(342 * 64.0 / 548) + 0.5);
        Assert.True(File.Exists(temp.File("out/annotated/messi5.jpg")));
    }

    [Fact]
    public void A_model_whose_output_cannot_be_read_says_which_field_to_set()
    {
        using var temp = new TempDirectory();
        var b = new OnnxModelBuilder("odd");
        var x = b.Input("x", 1, 3, 32, 32);
        b.Identity(x, "a");
        b.Identity(x, "b");
        b.Output("a");
        b.Output("b");
        b.Save(temp.File("odd.onnx"));
        var result = VisionProcess.Run("run", "--model", temp.File("odd.onnx"), "-i", "sample-images", "-o", temp.File("out"));
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("set 'decoder'", result.Stderr);
        Assert.Contains("pipeline file", result.Stderr);
    }

    [Fact]
    public void Dynamic_batching_combines_images_without_changing_a_single_result()
    {
        using var temp = new TempDirectory();
        // Batch dimension free; the box moves with each image's channel means, so every image's output differs.
        var b = new OnnxModelBuilder("yolo-batch");
        var x = b.Input("images", -1, 3, 64, 64);
        float[] raw = [32, 32, 20, 10, 0.1f, 0.9f];
        float[] weights = [9, 3, 4, 2, 0, 0, -5, 8, 2, 3, 0, 0, 4, -6, 1, 5, 0, 0];
        var means = b.Reshape(b.GlobalAveragePool(x), [-1, 3]);
        var y = b.Gemm(means, b.Constant(weights, 3, raw.Length), b.Constant(raw, 1, raw.Length));
        b.Reshape(y, [-1, 6, 1], "output0");
        b.Output("output0", dims: [-1, 6, 1]);
        b.Metadata("task", "detect").Metadata("names", "{0: 'cat', 1: 'dog'}").Metadata("imgsz", "[64, 64]");
        b.Save(temp.File("batch.onnx"));

        var single = VisionProcess.Run("run", "--model", temp.File("batch.onnx"), "-i", "sample-images", "-o", temp.File("single"), "-q");
        var batched = VisionProcess.Run("run", "--model", temp.File("batch.onnx"), "-i", "sample-images", "-o", temp.File("batched"),
            "--batch", "4", "--batch-wait", "200");
        Assert.True(single.ExitCode == 0, single.ToString());
        Assert.True(batched.ExitCode == 0, batched.ToString());
        Assert.Matches(@"dynamic batching: batch\.onnx's 10 runs went to the engine as [1-9] ", batched.Stdout);
        var expected = File.ReadAllText(temp.File("single/results.jsonl"));
        Assert.True(expected == File.ReadAllText(temp.File("batched/results.jsonl")), "results.jsonl differs between --batch 1 and --batch 4");
        Assert.True(File.ReadAllLines(temp.File("single/results.jsonl")).Select(ResultJson.Deserialize).Select(r => r.Detections.Single().Box[0]).Distinct().Count() > 5,
            "the fixture should give each image its own box");
    }
}
