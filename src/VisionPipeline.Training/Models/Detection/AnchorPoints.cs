using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Detection;

/// <summary>
/// The cells of an anchor-free detector's feature maps, in output order: level by level in stride order, each
/// level row-major. Anchor a of a level with stride s sits at ((x + 0.5)·s, (y + 0.5)·s) in input pixels.
/// </summary>
public sealed class AnchorPoints
{
    public AnchorPoints(int height, int width, IReadOnlyList<int> strides)
    {
        var levels = new List<(int Stride, int Rows, int Columns)>();
        var x = new List<float>();
        var y = new List<float>();
        var s = new List<float>();
        foreach (int stride in strides)
        {
            if (height % stride != 0 || width % stride != 0)
                throw new ArgumentException($"the input {width}×{height} is not a multiple of the stride {stride}");
            int rows = height / stride, columns = width / stride;
            levels.Add((stride, rows, columns));
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                {
                    x.Add((c + 0.5f) * stride);
                    y.Add((r + 0.5f) * stride);
                    s.Add(stride);
                }
        }
        Levels = levels;
        CentreX = [.. x];
        CentreY = [.. y];
        Strides = [.. s];
    }

    public IReadOnlyList<(int Stride, int Rows, int Columns)> Levels { get; }

    public float[] CentreX { get; }
    public float[] CentreY { get; }
    public float[] Strides { get; }

    public int Count => Strides.Length;

    /// <summary>[A, 2] anchor centres (x, y).</summary>
    public Tensor Centres(Device? device = null) =>
        stack([tensor(CentreX, device: device), tensor(CentreY, device: device)], 1);

    /// <summary>[A] each anchor's stride.</summary>
    public Tensor StrideTensor(Device? device = null) => tensor(Strides, device: device);
}
