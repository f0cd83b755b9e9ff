using OpenCvSharp;

namespace VisionPipeline.Graph.Nodes.Stages;

/// <summary>Resampling of stage.resize.</summary>
public enum Interpolation { Linear, Nearest, Cubic, Area, Lanczos }

/// <summary>How pixels a warp leaves uncovered are filled (stage.rotate, op.crop).</summary>
public enum BorderFill { Constant, Replicate, Reflect }

/// <summary>Where stage.letterbox puts the image.</summary>
public enum LetterboxAnchor { Center, TopLeft }

/// <summary>The colour spaces stage.color converts to.</summary>
public enum ColorSpace { Gray, Rgb, Hsv, Lab, Ycrcb }

public enum BlurType { Gaussian, Median, Box }

public static class StageChoices
{
    public static InterpolationFlags ToOpenCv(this Interpolation interpolation) => interpolation switch
    {
        Interpolation.Nearest => InterpolationFlags.Nearest,
        Interpolation.Cubic => InterpolationFlags.Cubic,
        Interpolation.Area => InterpolationFlags.Area,
        Interpolation.Lanczos => InterpolationFlags.Lanczos4,
        _ => InterpolationFlags.Linear,
    };

    public static BorderTypes ToOpenCv(this BorderFill border) => border switch
    {
        BorderFill.Replicate => BorderTypes.Replicate,
        BorderFill.Reflect => BorderTypes.Reflect101,
        _ => BorderTypes.Constant,
    };
}
