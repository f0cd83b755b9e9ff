using System.Runtime.InteropServices;
using OpenCvSharp;

namespace VisionPipeline.Datasets.Masks;

/// <summary>
/// A binary mask, run-length encoded exactly as pycocotools' maskApi.c does it: pixels in column-major
/// (Fortran) order, counts alternate zeros and ones and always start with a (possibly empty) run of zeros.
/// Every operation here follows the C source step by step so areas, boxes and IoUs agree with pycocotools
/// to the last bit.
/// </summary>
public sealed class Rle : IEquatable<Rle>
{
    private readonly uint[] _counts;

    /// <param name="counts">Run lengths; they must add up to <paramref name="height"/> × <paramref name="width"/>.</param>
    public Rle(int height, int width, IReadOnlyList<uint> counts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        _counts = counts.ToArray();
        ulong total = 0;
        foreach (var c in _counts) total += c;
        if (total != (ulong)height * (ulong)width)
            throw new ArgumentException(
                $"run lengths add up to {total} pixels but the mask is {height}×{width} = {(long)height * width}");
        Height = height;
        Width = width;
    }

    // Counts made by this codec (encode, frPoly, merge) add up by construction and skip the check.
    private Rle(int height, int width, uint[] counts, bool trusted)
    {
        Height = height;
        Width = width;
        _counts = counts;
    }

    public int Height { get; }
    public int Width { get; }
    public ReadOnlySpan<uint> Counts => _counts;

    /// <summary>The counts as COCO's uncompressed form lists them.</summary>
    public IReadOnlyList<uint> CountList => Array.AsReadOnly(_counts);

    /// <summary>Number of foreground pixels (maskApi rleArea).</summary>
    public long Area
    {
        get
        {
            // rleArea sums into a uint; masks larger than 4 G pixels are not a concern of COCO tools.
            uint area = 0;
            for (var j = 1; j < _counts.Length; j += 2) area += _counts[j];
            return area;
        }
    }

    internal static Rle FromTrustedCounts(int height, int width, uint[] counts) => new(height, width, counts, trusted: true);

    /// <summary>Encodes a single-channel 8-bit mask (any non-zero pixel is foreground), maskApi rleEncode.</summary>
    public static Rle Encode(Mat mask)
    {
        if (mask.Empty() || mask.Type() != MatType.CV_8UC1)
            throw new ArgumentException($"a mask must be a non-empty single-channel 8-bit image, got {mask.Type()}", nameof(mask));
        using var columnMajor = new Mat();
        Cv2.Transpose(mask, columnMajor);
        return Encode(ContiguousBytes(columnMajor), mask.Rows, mask.Cols);
    }

    /// <summary>Encodes a mask given in column-major order (pixel (x, y) at x·height + y); non-zero is foreground.</summary>
    public static Rle Encode(ReadOnlySpan<byte> columnMajor, int height, int width)
    {
        if (columnMajor.Length != (long)height * width)
            throw new ArgumentException($"mask has {columnMajor.Length} pixels, expected {height}×{width}", nameof(columnMajor));
        var counts = new List<uint>();
        var position = 0;
        var foreground = false;
        while (position < columnMajor.Length)
        {
            var rest = columnMajor[position..];
            var run = foreground ? rest.IndexOf((byte)0) : rest.IndexOfAnyExcept((byte)0);
            if (run < 0) run = rest.Length;
            counts.Add((uint)run);
            position += run;
            foreground = !foreground;
        }
        if (counts.Count == 0) counts.Add(0);
        return FromTrustedCounts(height, width, [.. counts]);
    }

    /// <summary>Decodes to an H×W single-channel 8-bit Mat of 0 and 1 (maskApi rleDecode).</summary>
    public Mat Decode()
    {
        var buffer = new byte[(long)Height * Width];
        DecodeColumnMajor(buffer);
        if (buffer.Length == 0) return new Mat(Height, Width, MatType.CV_8UC1, Scalar.All(0));
        using var columnMajor = Mat.FromPixelData(Width, Height, MatType.CV_8UC1, buffer);
        var mask = new Mat();
        Cv2.Transpose(columnMajor, mask);
        return mask;
    }

    /// <summary>Writes 0/1 pixels in column-major order into <paramref name="destination"/> (Height × Width bytes).</summary>
    public void DecodeColumnMajor(Span<byte> destination)
    {
        if (destination.Length != (long)Height * Width)
            throw new ArgumentException($"destination has {destination.Length} bytes, expected {Height}×{Width}", nameof(destination));
        var position = 0;
        byte value = 0;
        foreach (var count in _counts)
        {
            destination.Slice(position, (int)count).Fill(value);
            position += (int)count;
            value = (byte)(1 - value);
        }
    }

    /// <summary>COCO's compressed string form of the counts (maskApi rleToString).</summary>
    public string ToCompressedString() => RleString.Encode(_counts);

    /// <summary>Reads COCO's compressed string form (maskApi rleFrString).</summary>
    /// <exception cref="FormatException">The string is not a valid encoding of an H×W mask.</exception>
    public static Rle FromCompressedString(string counts, int height, int width)
    {
        var decoded = RleString.Decode(counts);
        try { return new Rle(height, width, decoded); }
        catch (ArgumentException e) { throw new FormatException(e.Message, e); }
    }

    /// <summary>Tight bounding box of the foreground (maskApi rleToBbox); all zeros for an empty mask.</summary>
    public BoxXywh ToBbox()
    {
        uint h = (uint)Height;
        var m = _counts.Length / 2 * 2;
        // A mask without pixels (height or width 0) has no foreground; maskApi would divide by the height 0.
        if (m == 0 || Height == 0 || Width == 0) return default;
        uint xs = (uint)Width, ys = h, xe = 0, ye = 0, cc = 0, xp = 0;
        for (var j = 0; j < m; j++)
        {
            cc += _counts[j];
            var t = cc - (uint)(j % 2);
            var (x, y) = Math.DivRem(t, h);
            if (j % 2 == 0) xp = x;
            else if (xp < x) { ys = 0; ye = h - 1; }
            xs = Math.Min(xs, x); xe = Math.Max(xe, x); ys = Math.Min(ys, y); ye = Math.Max(ye, y);
        }
        return new BoxXywh(xs, ys, xe - xs + 1, ye - ys + 1);
    }

    /// <summary>Rasterises a box as the polygon of its four corners (maskApi rleFrBbox).</summary>
    public static Rle FromBbox(BoxXywh box, int height, int width)
    {
        double xs = box.X, xe = xs + box.Width, ys = box.Y, ye = ys + box.Height;
        return FromPolygon([xs, ys, xs, ye, xe, ye, xe, ys], height, width);
    }

    /// <summary>
    /// Rasterises one polygon (flat x, y, x, y, … in pixels) the way maskApi rleFrPoly does; an odd trailing
    /// coordinate is ignored, as pycocotools does.
    /// </summary>
    public static Rle FromPolygon(ReadOnlySpan<double> xy, int height, int width) =>
        FromTrustedCounts(height, width, PolygonRasterizer.Rasterize(xy, height, width));

    /// <summary>Union (or intersection) of masks of one size (maskApi rleMerge).</summary>
    public static Rle Merge(IReadOnlyList<Rle> masks, bool intersect) => RleSetOps.Merge(masks, intersect);

    /// <summary>
    /// IoU of a detection and a ground truth mask with pycocotools' crowd rule: against a crowd region the
    /// union is the detection's area. Returns −1 when the sizes differ, as maskApi rleIou does.
    /// </summary>
    public static double Iou(Rle detection, Rle groundTruth, bool groundTruthIsCrowd) =>
        RleSetOps.Iou(detection, groundTruth, groundTruthIsCrowd);

    /// <summary>IoU of every detection with every ground truth mask, indexed [detection, groundTruth] like pycocotools' iou().</summary>
    public static double[,] Iou(IReadOnlyList<Rle> detections, IReadOnlyList<Rle> groundTruths, IReadOnlyList<bool> groundTruthIsCrowd) =>
        RleSetOps.Iou(detections, groundTruths, groundTruthIsCrowd);

    public bool Equals(Rle? other) =>
        other is not null && Height == other.Height && Width == other.Width && Counts.SequenceEqual(other.Counts);

    public override bool Equals(object? obj) => Equals(obj as Rle);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Height);
        hash.Add(Width);
        hash.AddBytes(MemoryMarshal.AsBytes(Counts));
        return hash.ToHashCode();
    }

    public override string ToString() => $"Rle {Height}×{Width} [{string.Join(' ', _counts)}]";

    private static unsafe ReadOnlySpan<byte> ContiguousBytes(Mat mat)
    {
        if (!mat.IsContinuous()) throw new InvalidOperationException("expected a continuous Mat");
        return new ReadOnlySpan<byte>((void*)mat.Data, checked((int)mat.Total()));
    }
}
