using OpenCvSharp;

namespace VisionPipeline.Decoders.Faces;

/// <summary>
/// MediaPipe SsdAnchorsCalculator for BlazeFace (fixed anchor size, so only centres matter).
/// Consecutive layers with the same stride share one grid; anchors are emitted row by row, all anchors of a cell together.
/// </summary>
public static class BlazeFaceAnchors
{
    public static readonly int[] ShortRangeStrides = [8, 16, 16, 16];
    public static readonly int[] FullRangeStrides = [4];

    /// <param name="inputSize">Square input side, 128 or 192.</param>
    /// <param name="strides">One stride per layer.</param>
    /// <param name="interpolatedAnchor">Whether each layer adds the interpolated-scale anchor (short-range: yes; full-range: no).</param>
    public static Point2f[] Generate(int inputSize, IReadOnlyList<int> strides, bool interpolatedAnchor)
    {
        var anchors = new List<Point2f>();
        int layer = 0;
        while (layer < strides.Count)
        {
            int stride = strides[layer];
            int perCell = 0;
            int last = layer;
            while (last < strides.Count && strides[last] == stride)
            {
                perCell += 1 + (interpolatedAnchor ? 1 : 0);
                last++;
            }
            int grid = (int)Math.Ceiling((double)inputSize / stride);
            for (int y = 0; y < grid; y++)
                for (int x = 0; x < grid; x++)
                    for (int a = 0; a < perCell; a++)
                        anchors.Add(new Point2f((x + 0.5f) / grid, (y + 0.5f) / grid));
            layer = last;
        }
        return anchors.ToArray();
    }

    /// <summary>The anchors for a BlazeFace model by its input size: 128 → short-range (896), 192 → full-range (2304).</summary>
    public static Point2f[] ForInputSize(int inputSize) => inputSize switch
    {
        128 => Generate(128, ShortRangeStrides, interpolatedAnchor: true),
        192 => Generate(192, FullRangeStrides, interpolatedAnchor: false),
        _ => throw new ArgumentException($"no BlazeFace anchor layout for input size {inputSize} (expected 128 or 192)"),
    };
}
