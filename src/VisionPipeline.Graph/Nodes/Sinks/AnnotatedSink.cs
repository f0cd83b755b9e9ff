using System.Globalization;
using System.Text;
using OpenCvSharp;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Drawing;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Sinks;

/// <summary>Per-image files written by the worker that processed the image, each atomically.</summary>
internal static class ImageFiles
{
    public static void Write(string path, Mat image)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (string.IsNullOrEmpty(ext)) ext = ".png";
        // OpenCV's PNG defaults (zlib level 1, the Sub filter, run-length matching) are its fastest setting: naming
        // a compression level switches to zlib's default strategy and a search over all filters, which took 2.5×
        // as long for a 548×342 mask and made it 1.5× larger.
        // OpenCV writes the file itself: encoding into a managed array put one large-object-heap array per image
        // (an annotated 480×360 JPEG is some 90 KB) on the heap, and in long `vision bench` rounds it reached 131 MB
        // before a full collection freed them.
        AtomicFile.WriteThrough(path, ext, temporary =>
        {
            if (!Cv2.ImWrite(temporary, image)) throw new InvalidOperationException($"OpenCV could not encode {path}");
        });
    }

    public static IEnumerable<Detection> Detections(FrameContext context, IEnumerable<string> inputs) =>
        inputs.Select(context.Get).OfType<DetectionsValue>().SelectMany(v => v.Items);

    public static IEnumerable<MaskTarget> Masks(FrameContext context, IEnumerable<string> inputs) =>
        inputs.Select(context.Get).OfType<MasksValue>().SelectMany(v => v.Items);
}

/// <summary>The frame (or an image node's output) with its inputs' boxes, keypoints, polygons and masks drawn.</summary>
public sealed class AnnotatedSink(string id, string? image, IReadOnlyList<string> inputs, string directory, bool textPanel) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "sink.annotated";
    public PortType? Output => null;

    public void Execute(FrameContext context)
    {
        var detections = ImageFiles.Detections(context, inputs).ToList();
        var masks = ImageFiles.Masks(context, inputs).ToList();
        if (image is null)
        {
            using var drawn = Annotator.Draw(context.Frame.Image, detections, masks, inputs, textPanel);
            ImageFiles.Write(context.Output.AnnotatedPath(context.Frame.RelativePath, directory), drawn);
            return;
        }

        // Targets are in frame pixels; drawn on another node's image, they go through that image's map.
        var target = context.Get<ImageValue>(image);
        var fromFrame = target.FromFrame;
        var mapped = detections.Select(d => d with
        {
            Box = fromFrame.Apply(d.Box),
            Keypoints = d.Keypoints?.Select(fromFrame.Apply).ToArray(),
            Polygon = d.Polygon?.Select(fromFrame.Apply).ToArray(),
        }).ToList();
        var warpedMasks = new List<MaskTarget>();
        try
        {
            using var toFrame = target.ToFrame.ToWarpMatrix();
            foreach (var m in masks)
            {
                var warped = new Mat();
                Cv2.WarpAffine(m.Mask, warped, toFrame, target.Image.Size(), InterpolationFlags.Nearest | InterpolationFlags.WarpInverseMap);
                warpedMasks.Add(new MaskTarget(m.Node, m.Label, warped) { ClassIndex = m.ClassIndex });
            }
            using var drawn = Annotator.Draw(target.Image, mapped, warpedMasks, inputs, textPanel);
            ImageFiles.Write(context.Output.AnnotatedPath(context.Frame.RelativePath, directory), drawn);
        }
        finally
        {
            foreach (var m in warpedMasks) m.Dispose();
        }
    }
}

/// <summary>One 8-bit PNG per mask: 255 inside, 0 outside.</summary>
public sealed class MasksSink(string id, IReadOnlyList<string> inputs, string directory) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "sink.masks";
    public PortType? Output => null;
    public string Directory { get; } = directory;
    public IReadOnlyList<string> Inputs { get; } = inputs;

    public void Execute(FrameContext context)
    {
        var perNode = new Dictionary<string, int>();
        foreach (var mask in ImageFiles.Masks(context, Inputs))
        {
            int index = perNode.GetValueOrDefault(mask.Node);
            perNode[mask.Node] = index + 1;
            ImageFiles.Write(context.Output.Full(OutputLayout.MaskRelativePath(Directory, context.Frame.RelativePath, mask.Node, index)), mask.Mask);
        }
    }
}

/// <summary>Every crop as an image: DIR/&lt;input path&gt;/&lt;node&gt;-&lt;i&gt;.png.</summary>
public sealed class CropsSink(string id, IReadOnlyList<string> inputs, string directory, string format) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "sink.crops";
    public PortType? Output => null;

    public void Execute(FrameContext context)
    {
        foreach (var input in inputs)
        {
            var crops = context.Get<CropsValue>(input).Items;
            for (int i = 0; i < crops.Count; i++)
                ImageFiles.Write(context.Output.Full($"{directory}/{context.Frame.RelativePath}/{input}-{i}.{format}"), crops[i].Image);
        }
    }
}

/// <summary>YOLO label files: one line per detection, "class cx cy w h score", normalised to the frame size.</summary>
public sealed class YoloSink(string id, IReadOnlyList<string> inputs, string directory, IReadOnlyList<string> categories) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "sink.yolo";
    public PortType? Output => null;

    public void Execute(FrameContext context)
    {
        double w = context.Frame.Width, h = context.Frame.Height;
        var text = new StringBuilder();
        foreach (var d in ImageFiles.Detections(context, inputs))
        {
            int category = Categories.IndexOf(categories, d.Label);
            if (category < 0) continue;
            var b = d.Box.ClipTo(context.Frame.Width, context.Frame.Height);
            text.AppendLine(string.Join(' ', category.ToString(CultureInfo.InvariantCulture),
                F((b.X1 + b.X2) / 2 / w), F((b.Y1 + b.Y2) / 2 / h), F(b.Width / w), F(b.Height / h), F(d.Score)));
        }
        var relative = Path.ChangeExtension(context.Frame.RelativePath, ".txt");
        AtomicFile.WriteAllBytes(context.Output.Full($"{directory}/{relative}"), Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
