using System.Text.Json;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests.Train;

/// <summary>A `vision train` run in a temporary folder: its data (made by `vision dataset synth`), output and --json summary.</summary>
internal sealed class TrainRun : IDisposable
{
    private readonly TempDirectory _root = new();

    public string Data => Path.Combine(_root.Path, "data");
    public string Output => Path.Combine(_root.Path, "out");
    public string Json => Path.Combine(_root.Path, "train.json");
    public string Model => Path.Combine(Output, "model.onnx");

    /// <summary>Synthetic shapes for <paramref name="task"/> (generated fixture: exact labels, a held-out val/ split).</summary>
    public TrainRun Synth(string task, int images, int seed = 1, int? size = null)
    {
        string[] args = ["dataset", "synth", "--task", task, "--output", Data, "--images", images.ToString(), "--seed", seed.ToString()];
        var made = VisionProcess.Run(size is { } s ? [.. args, "--size", s.ToString()] : args);
        Assert.True(made.ExitCode == 0, made.ToString());
        return this;
    }

    public ProcessResult Train(string task, params string[] options) =>
        VisionProcess.RunWithin(TrainingTimeout, ["train", task, "--data", Data, "--output", Output, "--json", Json, .. options]);

    /// <summary>A test's training takes 1–2 minutes alone on 2 cores, 3× that when the machine is shared; past this it hangs.</summary>
    public static readonly TimeSpan TrainingTimeout = TimeSpan.FromMinutes(15);

    public JsonElement Summary() => JsonDocument.Parse(System.IO.File.ReadAllText(Json)).RootElement;

    public string File(string name) => Path.Combine(Output, name);

    public void Dispose() => _root.Dispose();
}
