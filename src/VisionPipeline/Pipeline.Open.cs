using VisionPipeline.Core.Errors;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Pipelines;
using VisionPipeline.Graph.Runs;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Zoo;

namespace VisionPipeline;

/// <summary>The ways to get a <see cref="Pipeline"/>: by name, from a file or YAML text, for one model file.</summary>
public sealed partial class Pipeline
{
    /// <summary>A built-in pipeline by name (see `vision pipelines list`) or a pipeline file (.yaml).</summary>
    public static Pipeline Load(string nameOrFile, PipelineOptions? options = null) => Open(BuiltInPipelines.Load(nameOrFile), options);

    /// <summary>A pipeline written as YAML text. Relative paths in it (model files) are taken from
    /// <paramref name="fileName"/>'s folder, which messages also name.</summary>
    public static Pipeline FromYaml(string yaml, PipelineOptions? options = null, string fileName = "pipeline.yaml") =>
        Open(PipelineFileReader.Parse(Path.GetFullPath(fileName), yaml), options);

    /// <summary>One model file with its decoder, input size and labels chosen from its metadata and outputs.</summary>
    public static Pipeline ForModel(string modelFile, PipelineOptions? options = null)
    {
        var document = SingleModelPipeline.For(modelFile);
        try
        {
            return Open(document, options);
        }
        catch (PipelineValidationException e)
        {
            throw new ConfigurationException(modelFile, string.Join("; ", e.Errors.Select(x => x.Message)) +
                " — write a pipeline file with a `model` node for it and set that field (see `vision pipelines show default`)");
        }
    }

    /// <summary>
    /// Checks a built-in pipeline or pipeline file completely, as loading does (every problem with its line, zoo models
    /// known and files present), without opening any model.
    /// </summary>
    /// <exception cref="PipelineValidationException">what is wrong, every problem with its line</exception>
    public static PipelineBuilder.CheckedPipeline Check(string nameOrFile, PipelineOptions? options = null) =>
        PipelineBuilder.Check(BuiltInPipelines.Load(nameOrFile), ModelStore.Locate(options?.ModelsDirectory));

    /// <summary>A pipeline document already read: checked completely (every problem reported with its line), then built.</summary>
    public static Pipeline Open(PipelineDocument document, PipelineOptions? options = null)
    {
        options ??= new PipelineOptions();
        var runOptions = new RunOptions { Workers = options.Workers, Batch = options.Batch };
        if (options.Workers < 0) throw new ConfigurationException(null, "--workers must be 0 (automatic) or more");
        if (options.Batch < 1) throw new ConfigurationException(null, "--batch must be 1 (no batching) or more");
        if (options.IntraOpThreads < 0) throw new ConfigurationException(null, "--threads must be 0 (automatic) or more");
        if (options.BatchWait < TimeSpan.Zero) throw new ConfigurationException(null, "--batch-wait must be 0 ms or more");

        var store = ModelStore.Locate(options.ModelsDirectory);
        var checkedPipeline = PipelineBuilder.Check(document, store);
        var engine = new EngineOptions
        {
            Device = options.Device,
            IntraOpThreads = runOptions.IntraOpThreads(options.IntraOpThreads),
            InterOpThreads = options.InterOpThreads,
            MaxBatch = options.Batch,
            BatchWait = options.BatchWait,
            Warn = options.Warn,
        };
        NativeRuntime.AvoidIppWhereSlow();
        NativeRuntime.ShareCores(engine.IntraOpThreads);
        var models = new ModelCatalog(store, engine);
        try
        {
            return new Pipeline(PipelineBuilder.Build(checkedPipeline, models, ownsModels: true), options, runOptions, engine, store);
        }
        catch
        {
            models.Dispose();
            throw;
        }
    }
}
