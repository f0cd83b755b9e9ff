using VisionPipeline.Decoders.Classification;
using VisionPipeline.Decoders.Detection;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Definition.Options;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>SSD boxes and class scores, decoded against priors or taken as corners, from an image or crops.</summary>
public sealed class SsdKind() : DecoderKind<SsdKind.Options>("ssd", HeadKind.Detect, fromImage: PortType.Detections, fromCrops: PortType.Detections)
{
    public sealed record Options() : NmsBoxOptions(scoreThreshold: 0.5f)
    {
        [Param("priors_file", "SSD priors: one 'cx cy w h' line per anchor, normalised (without it boxes are corners)")]
        public string? PriorsFile { get; init; }

        [Param("normalized", "SSD boxes are in [0, 1] of the input size")]
        public bool Normalized { get; init; } = true;

        [Background] public bool Background { get; init; } = true;

        /// <summary>The class score activation; SSD scores are taken as they are unless one is named (auto too).</summary>
        [Activation] public ClassActivation Activation { get; init; } = ClassActivation.None;
    }

    protected override void Check(NodeContext context, ModelFiles files, Options options)
    {
        if (options.PriorsFile is { } priors && !File.Exists(files.NextToPipeline(priors)))
            context.Error($"priors file '{priors}' not found", "priors_file");
    }

    protected override IModelHead Build(HeadContext context, Options options)
    {
        var labels = context.Labels(options.LabelsFile);
        var settings = options.Settings(labels, context.Files.PipelinePath) with
        {
            Ssd = new SsdOptions
            {
                Priors = options.PriorsFile is { } priors ? PriorsFile.Read(context.Files.NextToPipeline(priors)) : null,
                Normalized = options.Normalized,
                Background = options.Background,
                Scores = options.Activation == ClassActivation.Auto ? ClassActivation.None : options.Activation,
            },
        };
        return new BoxDetectHead(context.Session, BoxOutputs.Ssd, suppress: true, settings, labels);
    }
}
