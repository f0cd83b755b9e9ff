using VisionPipeline.Core.Text;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Definition.Options;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>Feature vectors (ResNet18), optionally after a preprocessing model: one per image or crop.</summary>
public sealed class EmbeddingKind() : DecoderKind<EmbeddingKind.Options>("embedding", HeadKind.Embed, fromImage: PortType.Embeddings, fromCrops: PortType.Embeddings)
{
    public sealed record Options : DecoderOptions
    {
        [Param("preprocess_model", "zoo id of a model run before this one")]
        public string? PreprocessModel { get; init; }
    }

    protected override void Check(NodeContext context, ModelFiles files, Options options)
    {
        var models = files.Store.Manifest.Models;
        if (options.PreprocessModel is { } pre && !models.Any(m => m.Id == pre && m.IsModel))
            context.Error($"unknown preprocess_model '{pre}'{NameSuggestions.DidYouMean(pre, models.Select(m => m.Id))}", "preprocess_model");
    }

    /// <summary>The preprocessing model is the node's, else the zoo entry's.</summary>
    protected override IModelHead Build(HeadContext context, Options options) =>
        new EmbeddingHead(context.Session, (options.PreprocessModel ?? context.Session.Entry.PreprocessModel) is { } pre ? context.Models.Open(pre) : null);
}
