using OpenCvSharp;
using VisionPipeline.Decoders.MediaPipe;

namespace VisionPipeline.Decoders.Faces;

/// <summary>
/// BlazeFace's anchors, from MediaPipe's SSD anchor generator with fixed anchor size (so only centres matter), as
/// face_detection_short_range.pbtxt and face_detection_full_range.pbtxt set it.
/// </summary>
public static class BlazeFaceAnchors
{
    public static readonly int[] ShortRangeStrides = [8, 16, 16, 16];
    public static readonly int[] FullRangeStrides = [4];

    /// <param name="inputSize">Square input side, 128 or 192.</param>
    /// <param name="strides">One stride per layer.</param>
    /// <param name="interpolatedAnchor">Whether each layer adds the interpolated-scale anchor (short-range: yes; full-range: no).</param>
    public static Point2f[] Generate(int inputSize, IReadOnlyList<int> strides, bool interpolatedAnchor) =>
        SsdAnchors.Generate(new SsdAnchorOptions
        {
            InputWidth = inputSize, InputHeight = inputSize, MinScale = 0.1484375f, MaxScale = 0.75f, Strides = strides.ToArray(),
            FixedAnchorSize = true, InterpolatedScaleAspectRatio = interpolatedAnchor ? 1f : 0f,
        }).Select(a => new Point2f(a.X, a.Y)).ToArray();

    /// <summary>The anchors for a BlazeFace model by its input size: 128 → short-range (896), 192 → full-range (2304).</summary>
    public static Point2f[] ForInputSize(int inputSize) => inputSize switch
    {
        128 => Generate(128, ShortRangeStrides, interpolatedAnchor: true),
        192 => Generate(192, FullRangeStrides, interpolatedAnchor: false),
        _ => throw new ArgumentException($"no BlazeFace anchor layout for input size {inputSize} (expected 128 or 192)"),
    };
}
