using VisionPipeline.Core.Errors;
using VisionPipeline.Evaluation.Inputs;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Nodes.Sinks;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Pipelines;
using VisionPipeline.Graph.Runs;
using VisionPipeline.Graph.Sources;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Zoo;

namespace VisionPipeline.Cli.Commands.Eval;

/// <summary>
/// Runs a pipeline over the ground truth's own images with the graph runner `vision run` uses, each image named by
/// its dataset path so that results.jsonl lines match the ground truth one to one.
/// </summary>
internal static class PipelinePredictions
{
    /// <summary>The pipeline `--model FILE` stands for, else the built-in pipeline or pipeline file given.</summary>
    public static PipelineDocument Document(string? modelFile, string? pipeline) =>
        modelFile is not null ? SingleModelPipeline.For(modelFile) : BuiltInPipelines.Load(pipeline!);

    /// <returns>the results.jsonl the pipeline wrote</returns>
    public static string Run(PipelineDocument document, ModelStore store, GroundTruthSet truth, string outputDirectory, TextWriter stderr)
    {
        PipelineBuilder.Check(document, store);
        var files = truth.Images
            .Select(i => new InputFile(Path.GetFullPath(truth.Dataset.ImagePath(i)), i.FilePath.Replace('\\', '/')))
            .ToList();
        var options = new RunOptions();
        var engine = new EngineOptions { IntraOpThreads = options.IntraOpThreads(0), Warn = m => stderr.WriteLine($"warning: {m}") };
        var layout = new OutputLayout(outputDirectory);
        Directory.CreateDirectory(layout.Directory);
        using var graph = PipelineBuilder.Build(document, store, engine, layout);
        var results = graph.RecordSinks.OfType<JsonlSink>().FirstOrDefault()
            ?? throw new ConfigurationException(document.Path, "the pipeline has no sink.jsonl node, so there are no results to evaluate");
        var summary = new GraphRunner(graph, layout, options).Run(GraphRunner.Plan(files, null));
        foreach (var (image, error) in summary.Failures) stderr.WriteLine($"error: {image}: {error}");
        return layout.Full(results.RelativePath);
    }
}

/// <summary>Where an evaluation's pipeline run writes: the folder given, or a temporary one removed on dispose.</summary>
internal sealed class EvalRunFolder(string? given) : IDisposable
{
    private readonly bool _temporary = given is null;

    public string Path { get; } = given ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"vision-eval-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (_temporary && Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
