using VisionPipeline.Core.Errors;
using VisionPipeline.Decoders.Text;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Definition.Options;
using VisionPipeline.Graph.Nodes.Heads;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>CTC text recognition (PaddleOCR): each text-line crop read with its dictionary.</summary>
public sealed class CtcKind() : DecoderKind<CtcKind.Options>("ctc", HeadKind.Recognize, fromImage: null, fromCrops: PortType.Detections)
{
    public sealed record Options : DecoderOptions, ILabelsFileOption
    {
        [Param("min_text_score", "recognition: lines below this confidence are dropped", Min = 0, Max = 1)]
        public float MinTextScore { get; init; } = 0.5f;

        [BatchSize] public int BatchSize { get; init; } = 6;
        [LabelsFile] public string? LabelsFile { get; init; }
    }

    public override IReadOnlyList<string> FixedLabels { get; } = ["text"];

    /// <summary>The dictionary is the node's labels file, else the zoo entry's.</summary>
    protected override IModelHead Build(HeadContext context, Options options)
    {
        var session = context.Session;
        var dictionary = options.LabelsFile ?? session.Entry.LabelsFile
            ?? throw new ConfigurationException(context.Files.PipelinePath, "a recognition head needs 'labels_file' (its dictionary)", $"node '{context.NodeId}'");
        var ctc = CtcGreedyDecoder.FromDictionary(context.Files.ZooOrFile(dictionary, context.Models), session.OutputClassCount());
        return new TextRecognizeHead(session, ctc, options.MinTextScore, options.BatchSize);
    }
}
