using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Graph.Nodes.Stages;

namespace VisionPipeline.Graph.Definition.Kinds;

/// <summary>The image stages: image in, image out, each with the map it applied.</summary>
public static class StageKinds
{
    internal static readonly PortSpec ImageIn = new("input", [PortType.Image]);

    public static IEnumerable<NodeKind> All()
    {
        yield return Stage<ResizeOptions>("stage.resize", "Resize to width×height, or by scale (aspect ratio kept)",
            o => m => ImageStages.Resize(m, o.Width, o.Height, o.Scale, o.Interpolation.ToOpenCv()),
            (c, o) =>
            {
                bool size = o.Width > 0 && o.Height > 0;
                if (!size && o.Scale <= 0) c.Error("set width and height, or scale > 0");
            });
        yield return Stage<LetterboxOptions>("stage.letterbox", "Fit inside width×height keeping the aspect ratio, pad the rest",
            o => m => ImageStages.Letterbox(m, o.Width, o.Height, (byte)o.Pad, o.Anchor == LetterboxAnchor.TopLeft));
        yield return Stage<CropRegionOptions>("stage.crop", "Cut a fixed rectangle (clipped to the image)",
            o => m => ImageStages.CropRegion(m, o.X, o.Y, o.Width, o.Height));
        yield return Stage<RotateOptions>("stage.rotate", "Rotate counter-clockwise by any angle about the centre",
            o => m => ImageStages.Rotate(m, o.Angle, o.Expand, o.Border.ToOpenCv()));
        yield return Stage<ColorOptions>("stage.color", "Colour conversion (the result keeps 3 channels)",
            o => m => ImageStages.Color(m, o.To));
        yield return Stage<NormalizeOptions>("stage.normalize", "Stretch intensities to [low, high] (min-max)",
            o => m => ImageStages.Normalize(m, o.Low, o.High),
            (c, o) => { if (o.Low >= o.High) c.Error("'low' must be below 'high'", "low"); });
        yield return Stage<ClaheOptions>("stage.clahe", "Contrast-limited adaptive histogram equalisation on lightness",
            o => m => ImageStages.Clahe(m, o.ClipLimit, o.Tiles));
        yield return Stage<DenoiseOptions>("stage.denoise", "Non-local means denoising",
            o => m => ImageStages.Denoise(m, o.Strength));
        yield return Stage<BlurOptions>("stage.blur", "Gaussian, median or box blur",
            o => m => ImageStages.Blur(m, o.Type, o.Kernel, o.Sigma),
            (c, o) => OddKernel(c, o.Kernel));
    }

    private static NodeKind<T> Stage<T>(string name, string description, Func<T, Func<Mat, (Mat, AffineMap)>> transform,
        Action<NodeContext, T>? check = null) where T : class, new() => new()
    {
        Name = name,
        Description = description,
        Ports = [ImageIn],
        Output = (c, o) => { check?.Invoke(c, o); return PortType.Image; },
        Node = (c, o) => new StageNode(c.Id, name, c.Input("input"), transform(o)),
    };

    /// <summary>Reports an even `kernel` (a blur kernel has a centre pixel).</summary>
    internal static void OddKernel(NodeContext c, int kernel)
    {
        if (kernel % 2 == 0) c.Error($"'kernel' must be odd, got {kernel}", "kernel");
    }
}
