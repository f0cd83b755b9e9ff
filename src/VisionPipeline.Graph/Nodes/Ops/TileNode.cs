using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Ops;

/// <summary>
/// Slices an image into overlapping square tiles, spread evenly so that neighbours share at least the requested
/// overlap and every tile lies whole inside the image. A detector run on the tiles maps its boxes back through each tile's offset; op.merge then removes
/// the duplicates where tiles overlap.
/// </summary>
public sealed class TileNode(string id, string input, int size, double overlap) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "op.tile";
    public PortType? Output => PortType.Crops;

    public static IReadOnlyList<int> Starts(int length, int size, double overlap)
    {
        if (length <= size) return [0];
        double step = Math.Max(1, size * (1 - overlap));
        int count = (int)Math.Ceiling((length - size) / step) + 1;
        return Enumerable.Range(0, count).Select(i => (int)Math.Round(i * (double)(length - size) / (count - 1))).ToArray();
    }

    public void Execute(FrameContext context)
    {
        var source = context.Get<ImageValue>(input);
        var tiles = new List<Crop>();
        foreach (int y in Starts(source.Image.Height, size, overlap))
        {
            foreach (int x in Starts(source.Image.Width, size, overlap))
            {
                var rect = new Rect(x, y, Math.Min(size, source.Image.Width), Math.Min(size, source.Image.Height));
                var tile = new Mat(source.Image, rect).Clone();
                tiles.Add(new Crop(tile, Homography.From(AffineMap.Translation(x, y).Then(source.ToFrame)), null));
            }
        }
        context.Set(Id, new CropsValue(tiles));
    }
}
