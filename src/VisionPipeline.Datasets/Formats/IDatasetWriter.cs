namespace VisionPipeline.Datasets.Formats;

/// <summary>Writes a dataset in one format under a folder, copying its images into that format's layout.</summary>
public interface IDatasetWriter
{
    /// <param name="losses">Receives everything the format cannot hold, counted by kind with an example.</param>
    WriteSummary Write(Dataset dataset, string outputDirectory, LossReport losses);
}

/// <summary>What a writer put on disk.</summary>
public sealed record WriteSummary(int Images, int Annotations);
