using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Values;
using VisionPipeline.Imaging.Filters;

namespace VisionPipeline.Graph.Nodes.Ops;

public enum MaskEffect { BlurBackground, ReplaceBackground, BlurForeground }

/// <summary>
/// Uses the union of masks (0 or 255 each) to blur or replace the background (or blur what is masked, to anonymise).
/// The output starts as the changed image and takes the kept pixels from the source (or the reverse), so no pixel is
/// copied twice; a wide blur is computed at a reduced resolution (<see cref="WideBlur"/>).
/// </summary>
public sealed class ApplyMaskNode(string id, string image, string masks, MaskEffect effect, int kernel, Scalar color) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "op.apply_mask";
    public PortType? Output => PortType.Image;

    public void Execute(FrameContext context)
    {
        var source = context.Get<ImageValue>(image);
        var size = source.Image.Size();
        var items = context.Get<MasksValue>(masks).Items;
        using var union = items.Count == 1 ? null : new Mat(context.Frame.Height, context.Frame.Width, MatType.CV_8UC1, Scalar.All(0));
        if (union is not null)
            foreach (var m in items) Cv2.BitwiseOr(union, m.Mask, union);
        var inFrame = union ?? items[0].Mask;

        // Masks live in frame pixels; bring the union into this image's pixels (the frame itself needs no warp).
        using var warped = source.ToFrame == AffineMap.Identity && inFrame.Size() == size ? null : new Mat();
        if (warped is not null)
        {
            using var warp = source.ToFrame.ToWarpMatrix();
            Cv2.WarpAffine(inFrame, warped, warp, size, InterpolationFlags.Nearest | InterpolationFlags.WarpInverseMap);
        }
        var mask = warped ?? inFrame;

        Mat output;
        switch (effect)
        {
            case MaskEffect.BlurBackground:
                output = WideBlur.Apply(source.Image, kernel);
                source.Image.CopyTo(output, mask);
                break;
            case MaskEffect.ReplaceBackground:
                output = new Mat(size, source.Image.Type(), color);
                source.Image.CopyTo(output, mask);
                break;
            default:
                output = source.Image.Clone();
                using (var blurred = WideBlur.Apply(source.Image, kernel)) blurred.CopyTo(output, mask);
                break;
        }
        context.Set(Id, new ImageValue(output, source.ToFrame));
    }
}
