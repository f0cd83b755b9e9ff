using System.CommandLine;

namespace VisionPipeline.Cli.Commands;

/// <summary>
/// The options that say how a pipeline opens its models and shares the cores (`run` and `bench`): models folder,
/// device, workers, threads, batching. Read together into the library's <see cref="PipelineOptions"/>.
/// </summary>
internal sealed class EngineOptionSet
{
    private readonly Option<int> _workers = new("--workers") { Description = "Images processed at once (default: one per core, at most 4)" };
    private readonly Option<int> _threads = new("--threads") { Description = "ONNX Runtime intra-op threads per model (default: cores / workers)" };
    private readonly Option<int> _interThreads = new("--inter-op-threads") { Description = "ONNX Runtime inter-op threads (default: runtime's choice)" };
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<int> _batch = CommonOptions.Batch();
    private readonly Option<double> _batchWait = CommonOptions.BatchWait();
    private readonly Option<string?> _models = CommonOptions.Models();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _workers, _threads, _interThreads, _device, _batch, _batchWait, _models }) command.Options.Add(option);
    }

    public PipelineOptions Read(ParseResult result, TextWriter warnings)
    {
        var (batch, wait) = CommonOptions.Batching(result, _batch, _batchWait);
        return new PipelineOptions
        {
            ModelsDirectory = result.GetValue(_models),
            Device = CommonOptions.ParseDevice(result, _device),
            Workers = result.GetValue(_workers),
            Batch = batch,
            BatchWait = wait,
            IntraOpThreads = result.GetValue(_threads),
            InterOpThreads = result.GetValue(_interThreads),
            Warn = message => warnings.WriteLine($"warning: {message}"),
        };
    }
}
