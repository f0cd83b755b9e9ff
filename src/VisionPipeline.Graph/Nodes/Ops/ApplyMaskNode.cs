using OpenCvSharp;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Nodes.Ops;

public enum MaskEffect { BlurBackground, ReplaceBackground, BlurForeground }

/// <summary>Uses the union of masks to blur or replace the background (or blur what is masked, to anonymise).</summary>
public sealed class ApplyMaskNode(string id, string image, string masks, MaskEffect effect, int kernel, Scalar color) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "op.apply_mask";
    public PortType? Output => PortType.Image;

    public void Execute(FrameContext context)
    {
        var source = context.Get<ImageValue>(image);
        var size = source.Image.Size();
        using var union = new Mat(context.Frame.Height, context.Frame.Width, MatType.CV_8UC1, Scalar.All(0));
        foreach (var m in context.Get<MasksValue>(masks).Items) Cv2.BitwiseOr(union, m.Mask, union);

        // Masks live in frame pixels; bring the union into this image's pixels.
        using var mask = new Mat();
        using (var warp = source.ToFrame.ToWarpMatrix())
            Cv2.WarpAffine(union, mask, warp, size, InterpolationFlags.Nearest | InterpolationFlags.WarpInverseMap);

        var output = source.Image.Clone();
        using var changed = new Mat();
        if (effect == MaskEffect.ReplaceBackground) changed.Create(size, source.Image.Type());
        if (effect == MaskEffect.ReplaceBackground) changed.SetTo(color);
        else Cv2.GaussianBlur(source.Image, changed, new Size(kernel, kernel), 0);

        using var where = new Mat();
        if (effect == MaskEffect.BlurForeground) mask.CopyTo(where);
        else Cv2.BitwiseNot(mask, where);
        changed.CopyTo(output, where);
        context.Set(Id, new ImageValue(output, source.ToFrame));
    }
}
