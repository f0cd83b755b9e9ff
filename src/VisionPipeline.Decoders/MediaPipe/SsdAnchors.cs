namespace VisionPipeline.Decoders.MediaPipe;

/// <summary>An SSD anchor: centre and size, normalised to the input.</summary>
public readonly record struct Anchor(float X, float Y, float Width, float Height);

/// <summary>The options of MediaPipe's SsdAnchorsCalculator that its detectors set (a model's graph file gives them).</summary>
public sealed record SsdAnchorOptions
{
    public required int InputWidth { get; init; }
    public required int InputHeight { get; init; }
    public required float MinScale { get; init; }
    public required float MaxScale { get; init; }
    public required int[] Strides { get; init; }
    public float[] AspectRatios { get; init; } = [1f];
    public float OffsetX { get; init; } = 0.5f;
    public float OffsetY { get; init; } = 0.5f;

    /// <summary>The first layer has three boxes (scale 0.1 at ratio 1, then ratios 2 and 0.5) instead of the full set.</summary>
    public bool ReduceBoxesInLowestLayer { get; init; }

    /// <summary>Aspect ratio of the extra anchor between a layer's scale and the next one's (0 or less: none).</summary>
    public float InterpolatedScaleAspectRatio { get; init; } = 1f;

    /// <summary>Every anchor is 1 × 1: the model regresses box sizes directly.</summary>
    public bool FixedAnchorSize { get; init; }
}

/// <summary>
/// MediaPipe's SSD anchor generator: consecutive layers with one stride share a grid; per cell, one anchor for each
/// aspect ratio of each of those layers (plus the interpolated-scale anchor); cells row by row, a cell's anchors together.
/// </summary>
public static class SsdAnchors
{
    public static Anchor[] Generate(SsdAnchorOptions o)
    {
        var anchors = new List<Anchor>();
        int layers = o.Strides.Length;
        int layer = 0;
        while (layer < layers)
        {
            var ratios = new List<float>();
            var scales = new List<float>();
            int last = layer;
            for (; last < layers && o.Strides[last] == o.Strides[layer]; last++)
            {
                float scale = Scale(o, last);
                if (last == 0 && o.ReduceBoxesInLowestLayer)
                {
                    ratios.AddRange([1f, 2f, 0.5f]);
                    scales.AddRange([0.1f, scale, scale]);
                    continue;
                }
                foreach (var ratio in o.AspectRatios)
                {
                    ratios.Add(ratio);
                    scales.Add(scale);
                }
                if (o.InterpolatedScaleAspectRatio > 0)
                {
                    float next = last == layers - 1 ? 1f : Scale(o, last + 1);
                    scales.Add(MathF.Sqrt(scale * next));
                    ratios.Add(o.InterpolatedScaleAspectRatio);
                }
            }
            int stride = o.Strides[layer];
            int rows = (int)Math.Ceiling((double)o.InputHeight / stride), columns = (int)Math.Ceiling((double)o.InputWidth / stride);
            for (int y = 0; y < rows; y++)
                for (int x = 0; x < columns; x++)
                    for (int k = 0; k < ratios.Count; k++)
                    {
                        float root = MathF.Sqrt(ratios[k]);
                        anchors.Add(o.FixedAnchorSize
                            ? new Anchor((x + o.OffsetX) / columns, (y + o.OffsetY) / rows, 1, 1)
                            : new Anchor((x + o.OffsetX) / columns, (y + o.OffsetY) / rows, scales[k] * root, scales[k] / root));
                    }
            layer = last;
        }
        return anchors.ToArray();
    }

    private static float Scale(SsdAnchorOptions o, int layer) =>
        o.Strides.Length == 1 ? (o.MinScale + o.MaxScale) / 2 : o.MinScale + (o.MaxScale - o.MinScale) * layer / (o.Strides.Length - 1f);
}
