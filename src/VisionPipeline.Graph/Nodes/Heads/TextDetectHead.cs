using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Targets;
using VisionPipeline.Decoders.Text;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>DB text detection: PaddleOCR's resize rule → model → text quadrilaterals in reading order, in frame pixels.</summary>
public sealed class TextDetectHead(ModelSession model, DbOptions options, int maxSide, int topK) : IModelHead
{
    private readonly DbTextPostProcessor _db = new(options);

    public PortType? OutputFor(PortType input) => input == PortType.Image ? PortType.Detections : null;

    public GraphValue Run(string nodeId, GraphValue input, FrameContext context)
    {
        var image = (ImageValue)input;
        var quads = Detect(image.Image);
        if (topK > 0) quads = quads.Take(topK).ToList();
        return new DetectionsValue(quads.Select(q =>
        {
            var corners = q.Corners.Select(image.ToFrame.Apply).ToArray();
            var quad = new TextQuad(corners, q.Score);
            return new Detection(nodeId, "text", q.Score, quad.BoundingBox) { Polygon = corners };
        }).ToList());
    }

    /// <summary>Text quadrilaterals in the given image's pixels, in reading order.</summary>
    public List<TextQuad> Detect(OpenCvSharp.Mat image)
    {
        var (width, height) = DetectorInputSize(image.Width, image.Height, maxSide);
        var (placement, outputs) = ModelInput.Run(model, image, width, height);
        using (outputs)
        {
            var map = outputs[0];
            if (map.Length != width * height)
                throw new VisionException(model.Engine.ModelPath, $"expected a {width}×{height} text map, got {map.ShapeText}");
            return _db.Process(map.Data, width, height, placement.ToOriginal, image.Width, image.Height);
        }
    }

    /// <summary>
    /// PaddleOCR DetResizeForTest (limit_type max): scale so the longer side is at most <paramref name="maxSide"/>,
    /// then round each side to the nearest multiple of 32 (at least 32).
    /// </summary>
    public static (int Width, int Height) DetectorInputSize(int width, int height, int maxSide)
    {
        double ratio = Math.Max(width, height) > maxSide ? (double)maxSide / Math.Max(width, height) : 1.0;
        static int Round32(double side) => Math.Max((int)Math.Round((int)side / 32.0, MidpointRounding.ToEven) * 32, 32);
        return (Round32(width * ratio), Round32(height * ratio));
    }
}
