// VisionPipeline as a library: load the built-in default pipeline, process one photo, print what it found.
using System.Globalization;
using VisionPipeline;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var photo = args.Length > 0 ? args[0] : "sample-images/messi5.jpg";

using var pipeline = Pipeline.Load("default");
using var result = pipeline.Process(photo);

Console.WriteLine($"{result.Image}: {result.Width}x{result.Height}");
foreach (var found in result.Detections)
{
    var (box, text) = (found.Box, found.Text is null ? "" : $" \"{found.Text}\"");
    Console.WriteLine($"{found.Node} {found.Label} {found.Score:0.000} at {box.X1:0.0},{box.Y1:0.0},{box.X2:0.0},{box.Y2:0.0}{text}");
}
foreach (var mask in result.Masks)
    Console.WriteLine($"{mask.Node} {mask.Label} mask of {mask.Area} pixels");
