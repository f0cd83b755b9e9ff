using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Transforms.Geometric;

/// <summary>
/// The three other images (indices into the extra samples; −1 is this sample again) and where the four tiles meet,
/// as fractions of the output size.
/// </summary>
public sealed record MosaicParams(int[] Others, double CenterX, double CenterY) : TransformParams;

/// <summary>
/// YOLO's mosaic: four images, each scaled to fit the Width×Height output, meet at a random centre; this sample takes
/// the top-left tile, three others drawn from the data set the other tiles, each cut where its tile ends. Without
/// extra samples the tiles repeat this one.
/// </summary>
public sealed class Mosaic(int width, int height) : Transform<MosaicParams>
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public ValueRange Center { get; init; } = new(0.25, 0.75);
    public BorderStyle Style { get; init; } = new(Fill: 114);

    public override string Name => "mosaic";

    protected override MosaicParams Sample(Sample sample, AugmentContext context)
    {
        int count = context.ExtraSamples?.Count ?? 0;
        var others = new int[3];
        for (int i = 0; i < others.Length; i++) others[i] = count > 0 ? context.Random.Next(count) : -1;
        return new MosaicParams(others, context.Uniform(Center), context.Uniform(Center));
    }

    public override void Apply(Sample sample, MosaicParams p, AugmentContext context)
    {
        int cx = Math.Clamp((int)Math.Round(p.CenterX * Width), 1, Width - 1);
        int cy = Math.Clamp((int)Math.Round(p.CenterY * Height), 1, Height - 1);
        var canvasSize = new Size(Width, Height);
        var image = new Mat(canvasSize, sample.Image.Type(), Style.FillScalar);
        Mat? labels = sample.LabelMap is null ? null : new Mat(canvasSize, MatType.CV_8UC1, Scalar.All(0));
        var objects = new List<SampleObject>();
        var dropped = new List<int>();
        try
        {
            for (int tile = 0; tile < 4; tile++)
            {
                var extra = tile == 0 || p.Others[tile - 1] < 0 ? null : LoadOther(context, p.Others[tile - 1]);
                try
                {
                    var source = extra ?? sample;
                    using var warp = TileWarp(source, tile, cx, cy, canvasSize);
                    if (warp is null)
                    {
                        if (tile == 0) dropped.AddRange(sample.Objects.Select(o => o.SourceIndex));
                        continue;
                    }
                    warp.RenderInto(source.Image, image, Style.Interpolation);
                    if (labels is not null && source.LabelMap is not null) warp.RenderInto(source.LabelMap, labels, InterpolationFlags.Nearest);
                    var (kept, lost) = WarpApplier.WarpObjects(source.Objects, warp, context.Rules, tile == 0 ? null : SampleObject.FromOtherImage);
                    if (tile == 0) dropped.AddRange(lost);
                    objects.AddRange(kept);
                }
                finally
                {
                    extra?.Dispose();
                }
            }
        }
        catch
        {
            image.Dispose();
            labels?.Dispose();
            foreach (var o in objects) o.Mask?.Dispose();
            throw;
        }
        sample.ReplaceImage(image);
        sample.ReplaceLabelMap(labels);
        sample.ReplaceObjects(objects, dropped);
    }

    private static Sample LoadOther(AugmentContext context, int index) =>
        (context.ExtraSamples ?? throw new InvalidOperationException("mosaic parameters name other images, but no data set was given")).Load(index);

    /// <summary>
    /// The warp that puts <paramref name="source"/> into its tile: scaled to fit the canvas, its corner at the centre,
    /// cut at the tile's edges. Tiles: 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right. Null when nothing of
    /// it shows.
    /// </summary>
    private ScalePadWarp? TileWarp(Sample source, int tile, int cx, int cy, Size canvas)
    {
        double f = Math.Min((double)Width / source.Width, (double)Height / source.Height);
        bool left = tile is 0 or 2, top = tile is 0 or 1;
        int tileW = left ? cx : Width - cx, tileH = top ? cy : Height - cy;
        int srcW = Math.Min(source.Width, (int)Math.Round(tileW / f)), srcH = Math.Min(source.Height, (int)Math.Round(tileH / f));
        int dstW = Math.Min(tileW, (int)Math.Round(srcW * f)), dstH = Math.Min(tileH, (int)Math.Round(srcH * f));
        if (srcW <= 0 || srcH <= 0 || dstW <= 0 || dstH <= 0) return null;
        // A tile left of the centre shows the image's right part, one above it the image's bottom part.
        var from = new Rect(left ? source.Width - srcW : 0, top ? source.Height - srcH : 0, srcW, srcH);
        var to = new Rect(left ? cx - dstW : cx, top ? cy - dstH : cy, dstW, dstH);
        return new ScalePadWarp(from, to, canvas, Style);
    }
}
