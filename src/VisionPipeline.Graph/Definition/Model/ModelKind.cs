using System.Diagnostics.CodeAnalysis;
using VisionPipeline.Core.Text;
using VisionPipeline.Graph.Definition.Decoding;
using VisionPipeline.Graph.Definition.Options;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Nodes.Heads;
using VisionPipeline.Graph.Nodes.Sinks;

namespace VisionPipeline.Graph.Definition.Model;

/// <summary>
/// The `model` node: a zoo model (or a model file) with its engine, device, input spec and decoder. What it outputs
/// depends on its decoder (<see cref="DecoderKinds"/>) and on whether it is fed an image or crops.
/// </summary>
public sealed class ModelKind : NodeKind
{
    // Before Kind: the constructor reads it.
    private static readonly IReadOnlyList<ParamSpec> Common = OptionsSchema.Of<ModelOptions>().Params;

    public static ModelKind Kind { get; } = new();

    [SetsRequiredMembers]
    private ModelKind()
    {
        Name = "model";
        Description = "Run a CNN (zoo id or model file) and decode its output with a task head";
        Ports = [new("input", [PortType.Image, PortType.Crops])];
        Params = [.. Common, .. DecoderKinds.Params];
    }

    public override IReadOnlyList<ParamSpec> Params { get; }
    public override bool IsRecordSink => false;

    public override object CreateOptions(IReadOnlyDictionary<string, object?> values) => OptionsSchema.Create<ModelOptions>(values) with
    {
        DecoderValues = values.Where(v => !Common.Any(p => p.Name == v.Key)).ToDictionary(v => v.Key, v => v.Value),
    };

    public override IEnumerable<(ParamSpec Spec, string Path)> OutputPaths(object options) => [];

    public override PortType? Check(NodeContext c)
    {
        var options = (ModelOptions)c.Options;
        var files = new ModelFiles(c.Document.Path, c.Store);
        if (!CheckSource(c, options, files)) return null;
        var source = ModelSource.Of(options, files);
        var decoder = ResolveDecoder(c, options, source);
        if (decoder is null) return null;
        if (options.Head is { } head && head != decoder.Head)
            c.Error($"head '{OptionsSchema.ChoiceName(head)}' does not fit decoder '{decoder.Name}' (a {OptionsSchema.ChoiceName(decoder.Head)} head)", "head");
        var taken = decoder.Params.Select(p => p.Name).ToList();
        foreach (var name in options.DecoderValues.Keys.Where(n => !taken.Contains(n)))
            c.ErrorAtKey($"parameter '{name}' does not apply to decoder '{decoder.Name}' (it takes: {(taken.Count == 0 ? "none" : string.Join(", ", taken))})", name);
        var decoderOptions = decoder.Bind(options.DecoderValues);

        // Files and names a head needs are checked now, not when the first image arrives.
        if (decoderOptions is ILabelsFileOption { LabelsFile: { } labels } && !File.Exists(files.ZooOrFile(labels)))
            c.Error($"labels file '{labels}' not found (a zoo id or a file next to the pipeline)", "labels_file");
        decoder.Check(c, files, decoderOptions);
        var setup = new ModelSetup(source, decoder, decoderOptions);
        if (decoderOptions is IClassesOption { Classes: { Length: > 0 } keep } && KnownLabels(setup, files) is { Count: > 0 } known)
            foreach (var name in keep.Where(k => !known.Contains(k) && !k.StartsWith("class ", StringComparison.Ordinal)))
                c.Error($"class '{name}' is not one of the model's labels{NameSuggestions.DidYouMean(name, known)}", "classes");

        var input = c.TypeOf("input");
        var output = input == PortType.Image ? decoder.FromImage : decoder.FromCrops;
        if (output is null)
            c.Error($"decoder '{decoder.Name}' cannot run on {input.ToString().ToLowerInvariant()} (it takes {(decoder.FromImage is null ? "crops" : "an image")})");
        c.Options = options with { Setup = setup };
        return output;
    }

    /// <summary>Exactly one of a known zoo model or an existing model file whose input size is known.</summary>
    private static bool CheckSource(NodeContext c, ModelOptions options, ModelFiles files)
    {
        if (options.Model is null == options.Path is null)
        {
            c.Error("set exactly one of 'model' (a zoo id) or 'path' (a model file)");
            return false;
        }
        if (options.Model is { } model)
        {
            var entry = files.Entry(model);
            if (entry is null)
                c.Error($"unknown model '{model}'{NameSuggestions.DidYouMean(model, files.Store.Manifest.Models.Select(m => m.Id))} (see `vision models list`)", "model");
            else if (!entry.IsModel)
                c.Error($"'{model}' is a {entry.Task} file, not a model", "model");
            return entry is { IsModel: true };
        }
        var source = ModelSource.Of(options, files);
        if (!File.Exists(source.File))
        {
            c.Error($"model file '{options.Path}' not found", "path");
            return false;
        }
        if (options.InputSize.Length == 0 && source.FileInputSize() is null)
        {
            c.Error("the model does not say its input size: set 'input_size: [width, height]'", "input_size");
            return false;
        }
        return true;
    }

    /// <summary>The decoder the node names, else its zoo entry's, else the one its ONNX file's metadata and outputs call for.</summary>
    private static DecoderKind? ResolveDecoder(NodeContext c, ModelOptions options, ModelSource source)
    {
        string? name = options.Decoder;
        string why = "";
        if (name == DecoderChoiceAttribute.Auto && source.Entry is { } entry) name = entry.Decoder;
        if (name == DecoderChoiceAttribute.Auto && source.FileInfo is { } info) name = DecoderChooser.Choose(info, out why)?.Decoder.Name;
        if (DecoderKinds.Find(name) is { } decoder) return decoder;
        c.Error(name is null or DecoderChoiceAttribute.Auto
            ? $"{(why.Length > 0 ? why : "cannot tell how to decode this model's output")}: set 'decoder' ({string.Join(", ", DecoderKinds.Names)})"
            : $"the zoo model's decoder '{name}' is not supported here", "decoder");
        return null;
    }

    /// <summary>The labels the node's output can carry: the decoder's own, else its labels file's, the model file's or the zoo entry's.</summary>
    private static IReadOnlyList<string> KnownLabels(ModelSetup setup, ModelFiles files)
    {
        if (setup.Decoder.FixedLabels is { } fixedLabels) return fixedLabels;
        if (setup.DecoderOptions is ILabelsFileOption { LabelsFile: { } name } && files.ZooOrFile(name) is var file && File.Exists(file))
            return LabelSet.FromFile(file).Names;
        if (setup.Source.File is not null) return setup.Source.FileInfo?.Names ?? [];
        if (setup.Source.Entry is { LabelsFile: { } zooLabels } && files.ZooOrFile(zooLabels) is var zooFile && File.Exists(zooFile))
            return LabelSet.FromFile(zooFile).Names;
        return setup.Source.Entry?.Labels ?? [];
    }

    public override IReadOnlyList<string> Labels(NodeContext c) =>
        ((ModelOptions)c.Options).Setup is { } setup ? KnownLabels(setup, new ModelFiles(c.Document.Path, c.Store)) : [];

    public override IGraphNode Build(NodeContext c)
    {
        var models = c.Models ?? throw new InvalidOperationException("models are not open");
        var options = (ModelOptions)c.Options;
        var setup = options.Setup ?? throw new InvalidOperationException($"node '{c.Id}' was not checked");
        var session = SessionOpener.Open(options, setup, models);
        var head = setup.Decoder.BuildHead(new HeadContext(c.Id, session, models, new ModelFiles(c.Document.Path, c.Store)), setup.DecoderOptions);
        var output = c.TypeOf("input") == PortType.Image ? setup.Decoder.FromImage!.Value : setup.Decoder.FromCrops!.Value;
        return new ModelNode(c.Id, c.Input("input"), head, output);
    }

    public override IRecordSink BuildRecordSink(NodeContext context) => throw new InvalidOperationException("model is not a record sink");
}
