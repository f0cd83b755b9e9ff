using System.CommandLine;
using VisionPipeline.Cli.Terminal;
using VisionPipeline.Core.Errors;
using VisionPipeline.Zoo;

namespace VisionPipeline.Cli.Commands;

/// <summary>`vision models list|pull|info`: the model zoo.</summary>
internal static class ModelsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var models = CommonOptions.Models();

        var list = new Command("list", "List the zoo's models and whether each file is present, missing or altered") { models };
        list.SetAction(result =>
        {
            var store = CommonOptions.OpenStore(result, models);
            var table = new TextTable("id", "task", "engine", "status", "bytes", "licence");
            bool allPresent = true;
            foreach (var entry in store.Manifest.Models)
            {
                var status = store.StatusOf(entry);
                allPresent &= status == ModelFileStatus.Present;
                table.Add(entry.Id, entry.Task, entry.Engine ?? "-", StatusText(status), entry.Bytes.ToString("N0"), entry.License);
            }
            table.Write(stdout);
            if (!allPresent) stdout.WriteLine("\nRun `vision models pull --all` to fetch what is missing or altered.");
            return VisionApp.Success;
        });

        var id = new Argument<string?>("id") { Description = "Model id (see `vision models list`)", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Pull every model of the zoo" };
        var pull = new Command("pull", "Fetch model files through their package registry and verify their SHA-256") { id, all, models };
        pull.SetAction(result =>
        {
            var store = CommonOptions.OpenStore(result, models);
            var requested = result.GetValue(id);
            if (requested is null == !result.GetValue(all))
                throw new ConfigurationException(null, "give a model id or --all");
            var entries = requested is null ? store.Manifest.Models : [store.Manifest.Get(requested)];
            var fetcher = new ModelFetcher(store, message => stdout.WriteLine(message));
            int failed = 0;
            foreach (var entry in entries)
            {
                try
                {
                    fetcher.Pull(entry);
                }
                catch (Exception e) when (e is VisionException or IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"error: {entry.Id}: {e.Message.ReplaceLineEndings(" ")}");
                    failed++;
                }
            }
            return failed == 0 ? VisionApp.Success : VisionApp.SomeFailed;
        });

        var infoId = new Argument<string>("id") { Description = "Model id" };
        var info = new Command("info", "Show a model's source, checksum, licence, tensors and decoding") { infoId, models };
        info.SetAction(result =>
        {
            var store = CommonOptions.OpenStore(result, models);
            var entry = store.Manifest.Get(result.GetValue(infoId)!);
            var package = store.Manifest.PackageOf(entry);
            stdout.WriteLine($"id:          {entry.Id}");
            stdout.WriteLine($"task:        {entry.Task}");
            if (entry.Description is not null) stdout.WriteLine($"description: {entry.Description}");
            stdout.WriteLine($"engine:      {entry.Engine ?? "-"}");
            stdout.WriteLine($"file:        {store.PathOf(entry)} ({StatusText(store.StatusOf(entry))})");
            stdout.WriteLine($"source:      {package.Registry} {package} : {entry.Source.Path}");
            if (entry.Source.Packed is { } packed)
                stdout.WriteLine($"packed in:   {packed.Data} (sha256 {packed.DataSha256}), byte range from {packed.Loader}");
            stdout.WriteLine($"sha256:      {entry.Sha256}");
            stdout.WriteLine($"bytes:       {entry.Bytes:N0}");
            stdout.WriteLine($"licence:     {entry.License}");
            if (entry.Input is { } i)
                stdout.WriteLine($"input:       {i.Name} [{Dims(i.Shape)}] {i.Layout} {i.Colors}, resize {i.Resize}, " +
                                 $"value = (px * {i.Scale:G6} - mean[{string.Join(", ", i.Mean)}]) / std[{string.Join(", ", i.Std)}]");
            foreach (var o in entry.Outputs) stdout.WriteLine($"output:      {o.Name} [{Dims(o.Shape)}]");
            if (entry.PreprocessModel is not null) stdout.WriteLine($"preprocess:  model '{entry.PreprocessModel}' runs first");
            if (entry.Decoder is not null) stdout.WriteLine($"decoder:     {entry.Decoder}");
            if (entry.Labels is not null) stdout.WriteLine($"labels:      {string.Join(", ", entry.Labels)}");
            if (entry.LabelsFile is not null) stdout.WriteLine($"labels file: zoo entry '{entry.LabelsFile}'");
            if (entry.Detector is not null) stdout.WriteLine($"cascade:     runs on crops from detector '{entry.Detector}'");
            return VisionApp.Success;
        });

        return new Command("models", "The model zoo: list, pull and inspect pretrained models") { list, pull, info };
    }

    private static string StatusText(ModelFileStatus status) => status switch
    {
        ModelFileStatus.Present => "present",
        ModelFileStatus.Missing => "missing",
        _ => "CHECKSUM MISMATCH",
    };

    private static string Dims(long[] shape) => string.Join(",", shape.Select(d => d < 0 ? "?" : d.ToString()));
}
