namespace VisionPipeline.Graph.Sources;

/// <summary>An input image: its full path and its path relative to the input root ('/' separated).</summary>
public sealed record InputFile(string FullPath, string RelativePath);
