using System.CommandLine;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Cli.Commands;

/// <summary>--pipeline NAME|FILE or --model FILE, the choice of what to run (`run`, `live` and `bench`), opened through the front door.</summary>
internal sealed class PipelineOptionSet
{
    private readonly Option<string> _pipeline = new("--pipeline", "-p")
    {
        Description = "A pipeline file (.yaml) or a built-in pipeline (see `vision pipelines list`)",
        DefaultValueFactory = _ => "default",
    };

    private readonly Option<string?> _model = new("--model", "-m")
    {
        Description = "Run one model file with no pipeline file: decoder, input size and labels from its metadata and outputs",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_pipeline);
        command.Options.Add(_model);
    }

    /// <summary>Loads the pipeline or the one model: everything that can be wrong with it is found here, before any input is read.</summary>
    public Pipeline Open(ParseResult result, PipelineOptions options)
    {
        var modelFile = result.GetValue(_model);
        if (modelFile is not null && result.GetResult(_pipeline) is { Implicit: false })
            throw new ConfigurationException(null, "give either --model or --pipeline, not both");
        return modelFile is null ? Pipeline.Load(result.GetValue(_pipeline)!, options) : Pipeline.ForModel(modelFile, options);
    }
}
