using VisionPipeline.Graph.Definition.Options;
using VisionPipeline.Graph.Nodes.Stages;

namespace VisionPipeline.Graph.Definition.Kinds;

/// <summary>stage.resize: to width×height, or by scale.</summary>
public sealed record ResizeOptions
{
    [Param("width", "target width (0: from scale)", Min = 0, Max = 16384)]
    public int Width { get; init; }

    [Param("height", "target height (0: from scale)", Min = 0, Max = 16384)]
    public int Height { get; init; }

    [Param("scale", "scale factor when width/height are 0", Min = 0, Max = 64)]
    public double Scale { get; init; }

    [Param("interpolation", "resampling")]
    public Interpolation Interpolation { get; init; } = Interpolation.Linear;
}

/// <summary>stage.letterbox: fit inside width×height, pad the rest.</summary>
public sealed record LetterboxOptions
{
    [Param("width", "target width", Min = 1, Max = 16384, Required = true)]
    public int Width { get; init; }

    [Param("height", "target height", Min = 1, Max = 16384, Required = true)]
    public int Height { get; init; }

    [Param("pad", "grey level of the padding", Min = 0, Max = 255)]
    public int Pad { get; init; } = 114;

    [Param("anchor", "where the image sits")]
    public LetterboxAnchor Anchor { get; init; } = LetterboxAnchor.Center;
}

/// <summary>stage.crop: a fixed rectangle.</summary>
public sealed record CropRegionOptions
{
    [Param("x", "left", Min = 0)]
    public int X { get; init; }

    [Param("y", "top", Min = 0)]
    public int Y { get; init; }

    [Param("width", "width", Min = 1, Required = true)]
    public int Width { get; init; }

    [Param("height", "height", Min = 1, Required = true)]
    public int Height { get; init; }
}

/// <summary>stage.rotate: counter-clockwise about the centre.</summary>
public sealed record RotateOptions
{
    [Param("angle", "degrees, counter-clockwise", Min = -360, Max = 360, Required = true)]
    public double Angle { get; init; }

    [Param("expand", "grow the canvas to keep every pixel")]
    public bool Expand { get; init; } = true;

    [Param("border", "how uncovered pixels are filled")]
    public BorderFill Border { get; init; } = BorderFill.Constant;
}

/// <summary>stage.color: a colour conversion.</summary>
public sealed record ColorOptions
{
    [Param("to", "target colour space")]
    public ColorSpace To { get; init; } = ColorSpace.Gray;
}

/// <summary>stage.normalize: min-max stretch.</summary>
public sealed record NormalizeOptions
{
    [Param("low", "darkest value", Min = 0, Max = 255)]
    public double Low { get; init; }

    [Param("high", "brightest value", Min = 0, Max = 255)]
    public double High { get; init; } = 255;
}

/// <summary>stage.clahe: adaptive histogram equalisation.</summary>
public sealed record ClaheOptions
{
    [Param("clip_limit", "contrast limit", Min = 0.01, Max = 40)]
    public double ClipLimit { get; init; } = 2.0;

    [Param("tiles", "tiles per side", Min = 1, Max = 64)]
    public int Tiles { get; init; } = 8;
}

/// <summary>stage.denoise: non-local means.</summary>
public sealed record DenoiseOptions
{
    [Param("strength", "filter strength", Min = 1, Max = 30)]
    public float Strength { get; init; } = 3;
}

/// <summary>stage.blur: Gaussian, median or box.</summary>
public sealed record BlurOptions
{
    [Param("type", "blur type")]
    public BlurType Type { get; init; } = BlurType.Gaussian;

    [Param("kernel", "kernel size (odd)", Min = 1, Max = 255)]
    public int Kernel { get; init; } = 5;

    [Param("sigma", "Gaussian sigma (0: from kernel)", Min = 0, Max = 100)]
    public double Sigma { get; init; }
}
