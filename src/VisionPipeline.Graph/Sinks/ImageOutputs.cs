using OpenCvSharp;
using VisionPipeline.Core.Frames;
using VisionPipeline.Core.Results;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Drawing;

namespace VisionPipeline.Graph.Sinks;

/// <summary>Writes one frame's annotated image and mask PNGs, and builds its results.jsonl record.</summary>
public sealed class ImageOutputs(OutputLayout layout, IReadOnlyList<string> nodeOrder, bool writeAnnotated = true)
{
    public ImageRecord Write(Frame frame, FrameTargets targets, ExifRecord? exif)
    {
        var masks = new List<MaskRecord>();
        var perNode = new Dictionary<string, int>();
        foreach (var mask in targets.Masks)
        {
            int index = perNode.GetValueOrDefault(mask.Node);
            perNode[mask.Node] = index + 1;
            var relative = OutputLayout.MaskRelativePath(frame.RelativePath, mask.Node, index);
            AtomicFile.WriteAllBytes(layout.Full(relative), Encode(mask.Mask, ".png"));
            masks.Add(new MaskRecord { Node = mask.Node, Label = mask.Label, Path = relative, Area = mask.Area });
        }

        if (writeAnnotated)
        {
            var path = layout.AnnotatedPath(frame.RelativePath);
            using var annotated = Annotator.Draw(frame.Image, targets, nodeOrder);
            AtomicFile.WriteAllBytes(path, Encode(annotated, Path.GetExtension(path)));
        }

        var embeddings = targets.Embeddings;
        return new ImageRecord
        {
            Image = frame.RelativePath,
            Width = frame.Width,
            Height = frame.Height,
            Exif = exif,
            Detections = targets.Detections.Select(ToRecord).ToArray(),
            Masks = masks,
            Embeddings = embeddings.Count == 0 ? null : embeddings
                .Select(e => new EmbeddingRecord { Node = e.Node, Box = e.Box?.ToArray(), Vector = e.Vector }).ToArray(),
        };
    }

    public static DetectionRecord ToRecord(Detection d) => new()
    {
        Node = d.Node,
        Label = d.Label,
        Score = d.Score,
        Box = d.Box.ToArray(),
        Keypoints = d.Keypoints?.Select(p => new[] { p.X, p.Y }).ToArray(),
        Polygon = d.Polygon?.Select(p => new[] { p.X, p.Y }).ToArray(),
        Text = d.Text,
        TextScore = d.TextScore,
    };

    private static byte[] Encode(Mat image, string extension)
    {
        var ext = string.IsNullOrEmpty(extension) ? ".png" : extension.ToLowerInvariant();
        if (!Cv2.ImEncode(ext, image, out var bytes))
            throw new InvalidOperationException($"OpenCV could not encode {ext}");
        return bytes;
    }
}
