using System.Globalization;
using System.Text;
using VisionPipeline.Datasets.Masks;

namespace VisionPipeline.Datasets.Tests.Masks;

/// <summary>
/// Known pycocotools outputs: maskapi-reference.txt holds 203 random cases (polygons with fractional, integer,
/// repeated and out-of-image points; boxes; crowd flags) run through maskApi.c itself. Every string, area, box
/// and IoU must match to the bit.
/// </summary>
public class MaskApiReferenceTests
{
    [Fact]
    public void Every_reference_case_matches_maskApi_bit_for_bit()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Masks", "maskapi-reference.txt"))
            .Where(l => !l.StartsWith('#')).ToList();
        Assert.True(lines.Count >= 400, "reference file is missing its cases");
        var failures = new List<string>();
        for (var i = 0; i + 1 < lines.Count; i += 2)
        {
            var actual = Run(lines[i]["in: ".Length..]);
            var expected = lines[i + 1]["out: ".Length..];
            if (actual != expected) failures.Add($"case {i / 2 + 1}: {lines[i]}\n  expected {expected}\n  actual   {actual}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} cases differ from maskApi.c:\n{string.Join('\n', failures.Take(3))}");
    }

    private static string Run(string input)
    {
        var t = input.Split(' ');
        var p = 0;
        double Next() => double.Parse(t[p++], CultureInfo.InvariantCulture);
        int h = (int)Next(), w = (int)Next();
        var p1 = new double[2 * (int)Next()];
        for (var i = 0; i < p1.Length; i++) p1[i] = Next();
        var p2 = new double[2 * (int)Next()];
        for (var i = 0; i < p2.Length; i++) p2[i] = Next();
        var box = new BoxXywh(Next(), Next(), Next(), Next());
        var crowd = Next() != 0;

        var r0 = Rle.FromPolygon(p1, h, w);
        var r1 = Rle.FromPolygon(p2, h, w);
        var r2 = Rle.FromBbox(box, h, w);
        var output = new StringBuilder();
        foreach (var rle in new[] { r0, r1, r2, Rle.Merge([r0, r1, r2], intersect: false), Rle.Merge([r0, r1], intersect: true) })
        {
            var b = rle.ToBbox();
            output.Append(rle.ToCompressedString()).Append(' ').Append(rle.Area);
            foreach (var v in new[] { b.X, b.Y, b.Width, b.Height }) output.Append(' ').Append(Bits(v));
            output.Append(' ');
        }
        output.Append(Bits(Rle.Iou(r0, r1, crowd))).Append(' ')
            .Append(Bits(Rle.Iou(r2, r0, crowd))).Append(' ')
            .Append(Bits(BoxIou.Compute(box, r1.ToBbox(), crowd))).Append(' ')
            .Append(Rle.FromCompressedString(r0.ToCompressedString(), h, w).Equals(r0) ? 1 : 0);
        return output.ToString();
    }

    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("x16");
}
