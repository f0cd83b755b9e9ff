using VisionPipeline.Core.Results;
using VisionPipeline.Graph.Nodes.Sinks;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Execution;

/// <summary>
/// Builds an image's results.jsonl record from the nodes that record sinks consume. A mask's path is where a
/// sink.masks node wrote it (null when no node saved it, or when the frame was processed in memory).
/// </summary>
public sealed class RecordBuilder(IReadOnlyList<string> recordedNodes, IReadOnlyDictionary<string, string> maskDirectories)
{
    public IReadOnlyList<string> RecordedNodes { get; } = recordedNodes;

    public ImageRecord Build(FrameContext context, ExifRecord? exif)
    {
        var detections = new List<DetectionRecord>();
        var masks = new List<MaskRecord>();
        var embeddings = new List<EmbeddingRecord>();
        foreach (var node in RecordedNodes)
        {
            switch (context.Get(node))
            {
                case DetectionsValue d:
                    detections.AddRange(d.Items.Select(DetectionRecord.From));
                    break;
                case MasksValue m:
                    for (int i = 0; i < m.Items.Count; i++)
                    {
                        var mask = m.Items[i];
                        masks.Add(new MaskRecord
                        {
                            Node = mask.Node, Label = mask.Label, Area = mask.Area, Score = mask.Score, Box = mask.Box?.ToArray(), ClassIndex = mask.ClassIndex,
                            Path = context.HasOutput && maskDirectories.TryGetValue(node, out var dir)
                                ? OutputLayout.MaskRelativePath(dir, context.Frame.RelativePath, mask.Node, i)
                                : null,
                        });
                    }
                    break;
                case EmbeddingsValue e:
                    embeddings.AddRange(e.Items.Select(x => new EmbeddingRecord { Node = x.Node, Box = x.Box?.ToArray(), Vector = x.Vector }));
                    break;
            }
        }
        return new ImageRecord
        {
            Image = context.Frame.RelativePath,
            Width = context.Frame.Width,
            Height = context.Frame.Height,
            Exif = exif,
            Detections = detections,
            Masks = masks,
            Embeddings = embeddings.Count == 0 ? null : embeddings,
        };
    }
}
