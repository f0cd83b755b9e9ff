using VisionPipeline.Core.Errors;
using VisionPipeline.Core.IO;

namespace VisionPipeline.Datasets.Formats;

/// <summary>
/// Writers go on past a bad image: its error (a missing source file, an unreadable image) is recorded as a
/// "not written" warning and the other images and the metadata files are still written.
/// </summary>
internal static class PerImage
{
    /// <summary>
    /// Copies an image into the output, then writes the file that goes with it (labels, annotation, mask): both or
    /// neither, so a failure of the second takes the image out again.
    /// </summary>
    public static void ImageThenCompanion(string imageTarget, Action copyImage, Action writeCompanion)
    {
        copyImage();
        try
        {
            writeCompanion();
        }
        catch
        {
            File.Delete(imageTarget);
            throw;
        }
    }

    /// <returns>False when <paramref name="write"/> failed on bad input; the failure is in the dataset's warnings.</returns>
    public static bool TryWrite(Dataset dataset, DatasetImage image, Action write)
    {
        try
        {
            write();
            return true;
        }
        catch (VisionException e) when (e is not OutputFullException)
        {
            dataset.Warnings.Skip(e, $"image {image.FilePath} not written");
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            dataset.Warnings.Skip(image.FilePath, $"{e.Message.ReplaceLineEndings(" ")}; not written");
            return false;
        }
    }
}
