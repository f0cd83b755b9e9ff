using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Ops;

/// <summary>
/// Cuts every detection out of an image: its box grown by <c>padding</c> (a fraction of its size), or with
/// <c>rectify</c> its quadrilateral warped upright (PaddleOCR's crop: cubic, tall crops turned 90° counter-clockwise),
/// or turned, moved and squared as a landmark model wants (<see cref="CropOrientation"/>). Each crop keeps the exact
/// map back to the frame and the detection it came from.
/// </summary>
public sealed class CropNode(string id, string image, string detections, double padding, bool rectify, BorderTypes border, int minSize,
    CropOrientation orientation) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "op.crop";
    public PortType? Output => PortType.Crops;

    public void Execute(FrameContext context)
    {
        var source = context.Get<ImageValue>(image);
        var crops = new List<Crop>();
        foreach (var d in context.Get<DetectionsValue>(detections).Items)
        {
            var crop = rectify && d.Polygon is { Count: 4 } ? Rectify(source, d) : orientation.IsSet ? Oriented(source, d) : Box(source, d);
            if (crop is null) continue;
            if (crop.Image.Width < minSize || crop.Image.Height < minSize) { crop.Dispose(); continue; }
            crops.Add(crop);
        }
        context.Set(Id, new CropsValue(crops));
    }

    private Crop? Box(ImageValue source, Detection d)
    {
        float padX = (float)(d.Box.Width * padding), padY = (float)(d.Box.Height * padding);
        var region = new BoxF(d.Box.X1 - padX, d.Box.Y1 - padY, d.Box.X2 + padX, d.Box.Y2 + padY);
        int w = (int)Math.Round(region.Width), h = (int)Math.Round(region.Height);
        if (w < 1 || h < 1) return null;
        // Crop pixels → frame pixels is a translation.
        return Warp(source, d, AffineMap.Translation(region.X1, region.Y1), w, h);
    }

    private Crop? Oriented(ImageValue source, Detection d) =>
        orientation.Region(d, padding) is var (cropToFrame, w, h) ? Warp(source, d, cropToFrame, w, h) : null;

    /// <summary>The crop whose pixels map to the frame by <paramref name="cropToFrame"/>; frame → source image is the source's inverse map.</summary>
    private Crop Warp(ImageValue source, Detection d, AffineMap cropToFrame, int w, int h) =>
        new(Cut(source.Image, cropToFrame.Then(source.FromFrame), w, h, border), Homography.From(cropToFrame), d);

    /// <summary>A w × h image whose pixel (u, v) is the source's at <paramref name="cropToSource"/>(u, v), bilinear. The caller owns it.</summary>
    public static Mat Cut(Mat source, AffineMap cropToSource, int w, int h, BorderTypes border)
    {
        var output = new Mat();
        using var matrix = cropToSource.ToWarpMatrix();
        Cv2.WarpAffine(source, output, matrix, new Size(w, h), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, border);
        return output;
    }

    private Crop Rectify(ImageValue source, Detection d)
    {
        var corners = d.Polygon!.Select(source.FromFrame.Apply).ToArray();
        static double Length(Point2f a, Point2f b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
        int w = Math.Max(1, (int)Math.Max(Length(corners[0], corners[1]), Length(corners[2], corners[3])));
        int h = Math.Max(1, (int)Math.Max(Length(corners[0], corners[3]), Length(corners[1], corners[2])));
        var target = new[] { new Point2f(0, 0), new Point2f(w, 0), new Point2f(w, h), new Point2f(0, h) };
        using var imageToCrop = Cv2.GetPerspectiveTransform(corners, target);
        using var cropToImage = Cv2.GetPerspectiveTransform(target, corners);
        var output = new Mat();
        Cv2.WarpPerspective(source.Image, output, imageToCrop, new Size(w, h), InterpolationFlags.Cubic, border);
        var toFrame = Homography.From(cropToImage).Then(source.ToFrame);
        if ((double)output.Height / output.Width >= 1.5)
        {
            Cv2.Rotate(output, output, RotateFlags.Rotate90Counterclockwise);
            // (x, y) in the turned crop is (w − y, x) in the upright one.
            toFrame = Homography.From(new AffineMap(0, -1, w, 1, 0, 0)).Then(toFrame);
        }
        return new Crop(output, toFrame, d);
    }
}
