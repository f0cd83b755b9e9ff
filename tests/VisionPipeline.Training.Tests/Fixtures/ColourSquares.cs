using OpenCvSharp;

namespace VisionPipeline.Training.Tests.Fixtures;

/// <summary>
/// A generated ImageFolder (no real dataset is this small and this certain): 32×32 images of a red, green or blue
/// square on grey noise, one class folder per colour, seeded.
/// </summary>
internal static class ColourSquares
{
    public static readonly string[] Classes = ["blue", "green", "red"];

    public static string Write(string root, int perClass, int seed = 1, int size = 32)
    {
        var random = new Random(seed);
        for (int c = 0; c < Classes.Length; c++)
        {
            var folder = Path.Combine(root, Classes[c]);
            Directory.CreateDirectory(folder);
            for (int i = 0; i < perClass; i++)
            {
                using var image = new Mat(size, size, MatType.CV_8UC3);
                Cv2.Randu(image, Scalar.All(60), Scalar.All(190));
                int side = random.Next(size / 3, size * 2 / 3);
                int x = random.Next(0, size - side), y = random.Next(0, size - side);
                var colour = new Scalar(c == 0 ? 230 : 20, c == 1 ? 230 : 20, c == 2 ? 230 : 20);
                Cv2.Rectangle(image, new Rect(x, y, side, side), colour, -1);
                Cv2.ImWrite(Path.Combine(folder, $"{i:D3}.png"), image);
            }
        }
        return root;
    }
}
