namespace VisionPipeline.Benchmarks.Yolo;

/// <summary>
/// A YOLOv8 output [4 + classes (+ masks), 8400] with the statistics of a real one on a busy photo: 20 objects, about
/// 250 candidates above a 0.25 score clustered around them, every other class score near zero.
/// </summary>
public static class SyntheticYoloOutput
{
    public const int Classes = 80, Anchors = 8400;

    public static float[] Create(int seed = 42, int masks = 0)
    {
        var random = new Random(seed);
        var objects = Enumerable.Range(0, 20).Select(_ => (X: random.Next(40, 600), Y: random.Next(40, 600), C: random.Next(Classes))).ToArray();
        int channels = 4 + Classes + masks;
        var raw = new float[channels * Anchors];
        for (int a = 0; a < Anchors; a++)
        {
            var o = objects[a % objects.Length];
            bool near = random.NextDouble() < 0.03; // ≈ 250 candidates above 0.25
            raw[a] = o.X + random.Next(-8, 8); raw[Anchors + a] = o.Y + random.Next(-8, 8);
            raw[2 * Anchors + a] = 40 + random.Next(10); raw[3 * Anchors + a] = 60 + random.Next(10);
            for (int c = 0; c < Classes; c++) raw[(4 + c) * Anchors + a] = 0.02f * (float)random.NextDouble();
            raw[(4 + o.C) * Anchors + a] = near ? 0.3f + 0.7f * (float)random.NextDouble() : 0.1f;
            for (int m = 0; m < masks; m++) raw[(4 + Classes + m) * Anchors + a] = (float)(random.NextDouble() * 2 - 1);
        }
        return raw;
    }
}
