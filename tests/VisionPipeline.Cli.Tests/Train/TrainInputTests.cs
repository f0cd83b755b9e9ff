using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests.Train;

/// <summary>
/// `vision train` on bad input: what can be left out is left out with a named warning and the run goes on; what
/// cannot (no labels, a folder that would be overwritten, a diverging learning rate) stops with one line that says why.
/// </summary>
public sealed class TrainInputTests
{
    private static readonly string[] Quick = ["--epochs", "1", "--imgsz", "32", "--workers", "1"];

    [Fact]
    public void An_empty_class_a_lonely_class_and_a_corrupt_image_are_named_and_left_out_and_the_run_finishes()
    {
        using var run = new TrainRun().Synth("classify", images: 60);
        var train = Path.Combine(run.Data, "train");
        Directory.CreateDirectory(Path.Combine(train, "empty"));
        Directory.CreateDirectory(Path.Combine(train, "lonely"));
        File.Copy(Directory.GetFiles(Path.Combine(train, "star"))[0], Path.Combine(train, "lonely", "one.png"));
        var broken = Path.Combine(train, "circle", "broken.png");
        File.WriteAllBytes(broken, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);

        var trained = run.Train("classify", Quick);

        Assert.True(trained.ExitCode == 0, trained.ToString());
        Assert.Contains(broken, trained.Stderr);
        Assert.Contains("class 'empty' has no usable image; it is left out of the model", trained.Stderr);
        Assert.Contains("class 'lonely' has 1 training image and none for validation", trained.Stderr);
        Assert.Contains("1 unusable images skipped", trained.Stdout);
        var classes = run.Summary().GetProperty("classes").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.DoesNotContain("empty", classes);
        Assert.Contains("lonely", classes);
        Assert.True(File.Exists(run.Model), "no model.onnx");
    }

    [Fact]
    public void A_detection_set_without_a_single_box_is_refused_naming_the_file()
    {
        using var run = new TrainRun().Synth("detect", images: 20);
        var annotations = Path.Combine(run.Data, "train", "annotations.json");
        var coco = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(annotations))!;
        coco["annotations"] = new System.Text.Json.Nodes.JsonArray();
        File.WriteAllText(annotations, coco.ToJsonString());

        var trained = VisionProcess.Run(["train", "detect", "--data", annotations, "--output", run.Output, .. Quick]);

        Assert.True(trained.ExitCode == 2, trained.ToString());
        Assert.Contains("no labels", trained.Stderr);
        Assert.Contains(annotations, trained.Stderr);
        Assert.False(File.Exists(run.Model), "a model was written from no labels");
    }

    [Fact]
    public void An_output_folder_that_exists_is_refused_and_left_as_it_was_unless_overwrite_is_given()
    {
        using var run = new TrainRun().Synth("classify", images: 40);
        Directory.CreateDirectory(run.Output);
        var mine = Path.Combine(run.Output, "notes.txt");
        File.WriteAllText(mine, "my notes");

        var refused = run.Train("classify", Quick);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("--resume", refused.Stderr);
        Assert.Contains("--overwrite", refused.Stderr);
        Assert.Equal("my notes", File.ReadAllText(mine));
        Assert.False(File.Exists(run.Model), "a model was written into a folder that was refused");

        var overwritten = run.Train("classify", [.. Quick, "--overwrite"]);
        Assert.True(overwritten.ExitCode == 0, overwritten.ToString());
        Assert.True(File.Exists(run.Model), "no model.onnx after --overwrite");
    }

    [Fact]
    public void A_learning_rate_that_makes_the_loss_explode_stops_with_a_message_that_names_it()
    {
        using var run = new TrainRun().Synth("classify", images: 40);

        var trained = run.Train("classify", [.. Quick, "--lr", "1e30"]);

        Assert.True(trained.ExitCode == 1, trained.ToString());
        Assert.Matches("the (training|validation) loss became (NaN|infinite)", trained.Stderr);
        Assert.Contains("lower --lr", trained.Stderr);
        Assert.False(File.Exists(run.Model), "a model was exported from a diverged run");
    }
}
