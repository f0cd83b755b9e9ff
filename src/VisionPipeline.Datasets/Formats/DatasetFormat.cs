using VisionPipeline.Core.Errors;

namespace VisionPipeline.Datasets.Formats;

public enum DatasetFormat
{
    Coco,
    Yolo,
    Voc,
    ImageFolder,
    Masks,
}

public static class DatasetFormatNames
{
    public static string Name(this DatasetFormat format) => format.ToString().ToLowerInvariant();

    public static string All => string.Join('|', Enum.GetValues<DatasetFormat>().Select(f => f.Name()));

    public static DatasetFormat Parse(string name)
    {
        foreach (var format in Enum.GetValues<DatasetFormat>())
            if (string.Equals(format.Name(), name, StringComparison.OrdinalIgnoreCase)) return format;
        throw new ConfigurationException(null, $"unknown dataset format '{name}' (expected {All})");
    }
}
