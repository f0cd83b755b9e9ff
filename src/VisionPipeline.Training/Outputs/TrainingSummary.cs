using System.Text;
using System.Text.Json;
using VisionPipeline.Core.IO;
using VisionPipeline.Training.Data;
using VisionPipeline.Training.Loop;
using VisionPipeline.Training.Native;
using VisionPipeline.Training.Tasks;

namespace VisionPipeline.Training.Outputs;

/// <summary>training.json: every setting, the dataset summary, the versions, and how the run ended.</summary>
public static class TrainingSummary
{
    /// <summary>The settings as JSON: training.json's "settings", and what a checkpoint must match to be resumed.</summary>
    public static string Settings(TrainingRequest request, int imageSize, string augment, TrainingData data) => Json(w =>
    {
        var t = request.Trainer;
        w.WriteString("task", request.Task.ToString().ToLowerInvariant());
        w.WriteString("data", Path.GetFullPath(request.Data));
        w.WriteString("format", data.Format.ToString().ToLowerInvariant());
        w.WriteNumber("imgsz", imageSize);
        w.WriteNumber("val_split", request.ValidationShare);
        w.WriteString("augment", augment);
        w.WriteString("pretrained", request.PretrainedBackbone is null ? "none" : Path.GetFileName(request.PretrainedBackbone));
        w.WriteBoolean("freeze_backbone", request.FreezeBackbone);
        w.WriteNumber("dropout", request.Dropout);
        w.WriteNumber("label_smoothing", request.LabelSmoothing);
        w.WriteString("class_weights", request.ClassWeights);
        w.WriteString("optimizer", t.Optimizer.ToString().ToLowerInvariant());
        w.WriteNumber("lr", t.LearningRate);
        w.WriteNumber("momentum", t.Momentum);
        w.WriteBoolean("nesterov", t.Nesterov);
        w.WriteNumber("weight_decay", t.WeightDecay);
        w.WriteNumber("l1", t.L1);
        w.WriteString("schedule", t.Schedule.ToString().ToLowerInvariant());
        w.WriteNumber("warmup_epochs", t.WarmupEpochs);
        w.WriteNumber("step_epochs", t.StepEpochs);
        w.WriteNumber("step_gamma", t.StepGamma);
        w.WriteNumber("input_noise", t.InputNoise);
        w.WriteNumber("adversarial", t.AdversarialEpsilon);
        w.WriteNumber("patience", t.Patience);
        w.WriteNumber("ensemble", t.Ensemble);
        w.WriteNumber("epochs", t.Epochs);
        w.WriteNumber("batch", t.BatchSize);
        w.WriteNumber("seed", t.Seed);
        w.WriteNumber("threads", t.Threads);
    });

    public static void Write(string path, string settings, TrainingData data, ITrainingTask task, TrainingResult result,
        IReadOnlyDictionary<string, double> evaluation)
    {
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(Json(w =>
        {
            w.WriteString("task", task.Kind.ToString().ToLowerInvariant());
            w.WriteStartArray("classes");
            foreach (var c in task.Classes) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WritePropertyName("settings");
            using (var parsed = JsonDocument.Parse(settings)) parsed.RootElement.WriteTo(w);
            w.WriteStartObject("dataset");
            w.WriteString("path", data.Dataset.ImageRoot);
            w.WriteString("split", data.SplitSource);
            w.WriteNumber("train_images", data.Train.Count);
            w.WriteNumber("val_images", data.Validation.Count);
            w.WriteNumber("skipped", data.Skipped);
            w.WriteStartObject("train_images_per_class");
            var perClass = data.TrainImagesPerClass();
            for (int c = 0; c < perClass.Length; c++) w.WriteNumber(data.Classes[c], perClass[c]);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("versions");
            w.WriteString("vision", typeof(TrainingSummary).Assembly.GetName().Version?.ToString(3) ?? "");
            w.WriteString("torchsharp", typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3) ?? "");
            w.WriteString("libtorch", LibTorch.Version);
            w.WriteString("opencv", OpenCvSharp.Cv2.GetVersionString());
            w.WriteString("dotnet", Environment.Version.ToString());
            w.WriteEndObject();
            WriteResult(w, task, result, evaluation);
        }) + "\n"));
    }

    private static void WriteResult(Utf8JsonWriter w, ITrainingTask task, TrainingResult result, IReadOnlyDictionary<string, double> evaluation)
    {
        w.WriteStartObject("result");
        w.WriteString("status", result.Interrupted ? "interrupted" : "finished");
        w.WriteNumber("epochs_run", result.History.Count);
        w.WriteNumber("seconds", Math.Round(result.Seconds, 2));
        w.WriteNumber("samples_per_s", Math.Round(result.SamplesPerSecond, 1));
        w.WriteStartArray("members");
        foreach (var m in result.Members)
        {
            w.WriteStartObject();
            w.WriteNumber("member", m.Member);
            w.WriteNumber("best_epoch", m.BestEpoch + 1);
            w.WriteNumber("epochs_run", m.EpochsRun);
            w.WriteBoolean("stopped_early", m.StoppedEarly);
            MetricsLog.Number(w, "val_loss", m.Best.Loss);
            MetricsLog.Number(w, $"val_{task.MetricName}", m.Best.Metric);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("evaluation");
        foreach (var (name, value) in evaluation) MetricsLog.Number(w, name, value);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
