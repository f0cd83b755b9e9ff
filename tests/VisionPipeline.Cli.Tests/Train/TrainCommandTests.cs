using System.Text.Json;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests.Train;

/// <summary>
/// `vision train` end to end on generated data (no labelled set this small and this exact can be had): each task
/// trains with the default settings on a short run, its exported model reaches the bar on the held-out split
/// as `vision eval` measures it, and `vision run --model` uses the model with no other option.
/// </summary>
public sealed class TrainCommandTests
{
    [Fact]
    public void Classify_trains_a_model_that_recognises_held_out_shapes_and_runs_with_no_options()
    {
        using var run = new TrainRun().Synth("classify", images: 250);
        var trained = run.Train("classify");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        var summary = run.Summary();
        Assert.Equal("classify", summary.GetProperty("task").GetString());
        Assert.Equal(["circle", "cross", "square", "star", "triangle"], summary.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        double accuracy = summary.GetProperty("val_accuracy").GetDouble();
        Assert.True(accuracy >= 0.95, $"held-out accuracy {accuracy:F3} is below 0.95\n{trained.Stdout}");
        AssertOutputFolder(run, summary);

        var evaluated = VisionProcess.Run("eval", "classification", "--gt", run.File("validation"), "--model", run.Model, "--json", run.File("again.json"));
        Assert.True(evaluated.ExitCode == 0, evaluated.ToString());
        Assert.Equal(accuracy, JsonDocument.Parse(File.ReadAllText(run.File("again.json"))).RootElement.GetProperty("accuracy").GetDouble());

        var image = Directory.GetFiles(Path.Combine(run.File("validation"), "star")).Order(StringComparer.Ordinal).First();
        var ran = VisionProcess.Run("run", "--model", run.Model, "--input", image, "--output", run.File("ran"), "--quiet");
        Assert.True(ran.ExitCode == 0, ran.ToString());
        Assert.Contains("\"label\":\"star\"", File.ReadAllText(Path.Combine(run.File("ran"), "results.jsonl")));
    }

    [Fact]
    public void Detect_trains_a_model_whose_boxes_reach_ap50_0_8_on_held_out_images_and_runs_with_no_options()
    {
        using var run = new TrainRun().Synth("detect", images: 200);
        var trained = run.Train("detect", "--epochs", "12");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        var summary = run.Summary();
        double ap50 = summary.GetProperty("val_map50").GetDouble();
        Assert.True(ap50 >= 0.80, $"held-out COCO AP50 {ap50:F3} is below 0.80\n{trained.Stdout}");
        Assert.True(summary.GetProperty("val_map").GetDouble() > 0, "no AP over IoU 0.5:0.95");
        AssertOutputFolder(run, summary);

        var image = Directory.GetFiles(run.File("validation"), "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var ran = VisionProcess.Run("run", "--model", run.Model, "--input", image, "--output", run.File("ran"), "--quiet");
        Assert.True(ran.ExitCode == 0, ran.ToString());
        Assert.Contains("\"box\"", File.ReadAllText(Path.Combine(run.File("ran"), "results.jsonl")));
    }

    [Fact]
    public void Segment_trains_a_model_whose_masks_reach_miou_0_8_on_held_out_images_and_runs_with_no_options()
    {
        using var run = new TrainRun().Synth("segment", images: 200);
        var trained = run.Train("segment", "--epochs", "15");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        var summary = run.Summary();
        double miou = summary.GetProperty("val_miou").GetDouble();
        Assert.True(miou >= 0.80, $"held-out mIoU {miou:F3} is below 0.80\n{trained.Stdout}");
        AssertOutputFolder(run, summary);

        var image = Directory.GetFiles(Path.Combine(run.File("validation"), "images")).Order(StringComparer.Ordinal).First();
        var ran = VisionProcess.Run("run", "--model", run.Model, "--input", image, "--output", run.File("ran"), "--quiet");
        Assert.True(ran.ExitCode == 0, ran.ToString());
    }

    /// <summary>Every file the output folder promises, consistent with the summary.</summary>
    private static void AssertOutputFolder(TrainRun run, JsonElement summary)
    {
        int epochs = summary.GetProperty("epochs_run").GetInt32();
        Assert.InRange(summary.GetProperty("best_epoch").GetInt32(), 1, epochs);
        Assert.True(summary.GetProperty("samples_per_s").GetDouble() > 0);
        Assert.True(File.Exists(run.Model), "no model.onnx");
        Assert.True(File.Exists(run.File("checkpoint/state.json")), "no checkpoint");
        var lines = File.ReadAllLines(run.File("metrics.jsonl"));
        Assert.Equal(epochs, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.True(first.RootElement.TryGetProperty("train_loss", out _), lines[0]);
        using var training = JsonDocument.Parse(File.ReadAllText(run.File("training.json")));
        Assert.Equal("finished", training.RootElement.GetProperty("result").GetProperty("status").GetString());
        Assert.True(training.RootElement.GetProperty("settings").TryGetProperty("weight_decay", out _), "training.json lacks the settings");
        var report = File.ReadAllText(run.File("report.html"));
        var trainLoss = System.Text.RegularExpressions.Regex.Match(report, "<polyline[^>]*points=\"([^\"]*)\"").Groups[1].Value
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(',').Select(double.Parse).ToArray()).ToList();
        Assert.True(trainLoss.Count == epochs, $"the loss curve has {trainLoss.Count} points for {epochs} epochs");
        Assert.True(trainLoss.Select(p => p[0]).Distinct().Count() == epochs, "the loss curve's epochs are drawn on top of each other");
        Assert.True(trainLoss.Select(p => p[1]).Distinct().Count() > 1, "the loss curve is flat against the chart's edge");
        Assert.Contains("held-out split", report);
    }
}
