using VisionPipeline.Core.Errors;

namespace VisionPipeline.Training.Outputs;

/// <summary>The files of a training run's output folder.</summary>
public sealed class TrainingFolder(string directory)
{
    public string Directory { get; } = Path.GetFullPath(directory);
    public string Model => Path.Combine(Directory, "model.onnx");
    public string Checkpoint => Path.Combine(Directory, "checkpoint");
    public string Metrics => Path.Combine(Directory, "metrics.jsonl");
    public string Summary => Path.Combine(Directory, "training.json");
    public string Report => Path.Combine(Directory, "report.html");

    /// <summary>The held-out images and their labels, written as a dataset that `vision eval` reads.</summary>
    public string Validation => Path.Combine(Directory, "validation");

    /// <summary>
    /// Makes the folder ready: a folder with files in it is refused unless the run resumes it (it must hold a
    /// checkpoint) or may overwrite it (its training files are removed first; nothing else in it is touched).
    /// </summary>
    public void Prepare(bool resume, bool overwrite)
    {
        bool exists = System.IO.Directory.Exists(Directory) && System.IO.Directory.EnumerateFileSystemEntries(Directory).Any();
        if (resume)
        {
            if (!System.IO.Directory.Exists(Checkpoint) && !System.IO.Directory.Exists(Checkpoint + ".previous"))
                throw new ConfigurationException(Directory, "--resume needs the output folder of an earlier run, with its checkpoint folder; none is here");
            return;
        }
        if (exists && !overwrite)
            throw new ConfigurationException(Directory, "the output folder exists and is not empty: give --resume to continue its run, --overwrite to start again, or another --output");
        if (exists)
        {
            foreach (var file in new[] { Model, Metrics, Summary, Report })
                if (File.Exists(file)) File.Delete(file);
            foreach (var folder in new[] { Checkpoint, Checkpoint + ".partial", Checkpoint + ".previous", Validation })
                if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
        }
        System.IO.Directory.CreateDirectory(Directory);
    }
}
