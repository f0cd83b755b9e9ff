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

    public static DatasetFormat Parse(string name) =>
        Enum.GetValues<DatasetFormat>().FirstOrDefault(f => f.Name() == name.ToLowerInvariant(), (DatasetFormat)(-1)) is var f && Enum.IsDefined(f)
            ? f
            : throw new ConfigurationException(null, $"unknown dataset format '{name}' (expected {All})");
}
