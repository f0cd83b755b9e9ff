using OpenCvSharp;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Datasets.Demo.Digits;

/// <summary>
/// OpenCV's sample sheet of handwritten digits (<c>samples/data/digits.png</c>, Debian package opencv-doc): 2000×1000
/// grey, 50 rows × 100 columns of 20×20 cells, each block of 5 rows one digit 0..9 — 500 images per class. Cut into
/// one PNG per cell, classes "0".."9", with a stratified seeded split (<see cref="DemoSplits"/>).
/// </summary>
public static class DigitsSheet
{
    public const string DebianPath = "/usr/share/doc/opencv-doc/examples/data/digits.png";
    public const int Cell = 20;
    public const int Columns = 100;
    public const int Rows = 50;
    public const int Classes = 10;
    private const int RowsPerClass = Rows / Classes;

    public static IReadOnlyList<Category> Categories { get; } = Enumerable.Range(0, Classes).Select(d => new Category(d, d.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

    /// <summary>The cells as images relative to <paramref name="staging"/>'s root, each with its class and split.</summary>
    /// <exception cref="ConfigurationException">The sheet does not exist.</exception>
    /// <exception cref="VisionException">It cannot be read or is not 2000×1000.</exception>
    public static IReadOnlyList<DatasetImage> Cut(string source, Staging staging, double valFraction = DemoSplits.DefaultValFraction, int seed = 0)
    {
        DemoSplits.CheckFraction(valFraction);
        if (!File.Exists(source))
            throw new ConfigurationException(source, "digits sheet not found; install it with `apt-get install opencv-doc` or give --source");
        using var sheet = Cv2.ImRead(source, ImreadModes.Grayscale);
        if (sheet.Empty()) throw new VisionException(source, "cannot read the digits sheet as an image");
        if (sheet.Width != Columns * Cell || sheet.Height != Rows * Cell)
            throw new VisionException(source, $"digits sheet is {sheet.Width}×{sheet.Height}; expected OpenCV's {Columns * Cell}×{Rows * Cell} sheet of 20×20 digits");
        var images = new List<DatasetImage>(Rows * Columns);
        for (var row = 0; row < Rows; row++)
            for (var column = 0; column < Columns; column++)
            {
                var digit = row / RowsPerClass;
                var index = (row % RowsPerClass) * Columns + column;
                var path = $"{digit}/{digit}_{index:D3}.png";
                using var cell = new Mat(sheet, new Rect(column * Cell, row * Cell, Cell, Cell));
                AtomicImageFile.Write(staging.PathOf(path), cell);
                images.Add(new DatasetImage(images.Count + 1, path, Cell, Cell, []) { ClassId = digit });
            }
        var splits = DemoSplits.Stratified(images.Select(i => i.ClassId!.Value).ToList(), valFraction, seed);
        return images.Select((im, i) => im with { Split = splits[i] }).ToList();
    }
}
