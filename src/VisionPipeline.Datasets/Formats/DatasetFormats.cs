using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets.Formats.Coco;
using VisionPipeline.Datasets.Formats.Files;
using VisionPipeline.Datasets.Formats.ImageFolder;
using VisionPipeline.Datasets.Formats.MaskFolder;
using VisionPipeline.Datasets.Formats.Voc;
using VisionPipeline.Datasets.Formats.Yolo;

namespace VisionPipeline.Datasets.Formats;

/// <summary>Reading, writing and recognising every supported format by its <see cref="DatasetFormat"/>.</summary>
public static class DatasetFormats
{
    /// <param name="path">COCO: the .json file or a folder with annotations.json; YOLO: data.yaml or its folder; others: the dataset folder.</param>
    /// <param name="imageRoot">COCO only: the folder file_name is relative to (default: the .json file's folder).</param>
    public static Dataset Read(DatasetFormat format, string path, string? imageRoot = null)
    {
        if (!File.Exists(path) && !Directory.Exists(path)) throw new ConfigurationException(path, "input does not exist");
        return format switch
        {
            DatasetFormat.Coco => CocoReader.Read(Directory.Exists(path) ? Path.Combine(path, CocoWriter.AnnotationFileName) : path, imageRoot),
            DatasetFormat.Yolo => YoloReader.Read(path),
            DatasetFormat.Voc => VocReader.Read(path),
            DatasetFormat.ImageFolder => ImageFolderReader.Read(path),
            DatasetFormat.Masks => MaskFolderReader.Read(path),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    public static IDatasetWriter Writer(DatasetFormat format) => format switch
    {
        DatasetFormat.Coco => new CocoWriter(),
        DatasetFormat.Yolo => new YoloWriter(),
        DatasetFormat.Voc => new VocWriter(),
        DatasetFormat.ImageFolder => new ImageFolderWriter(),
        DatasetFormat.Masks => new MaskFolderWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Guesses the format from what the path holds; a clear error when nothing fits.</summary>
    public static DatasetFormat Detect(string path)
    {
        if (File.Exists(path))
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            if (extension == ".json") return DatasetFormat.Coco;
            if (extension is ".yaml" or ".yml") return DatasetFormat.Yolo;
            throw new ConfigurationException(path, "cannot tell the dataset format of this file (expected a COCO .json or a YOLO data.yaml); give --format");
        }
        if (!Directory.Exists(path)) throw new ConfigurationException(path, "input does not exist");
        if (File.Exists(Path.Combine(path, YoloDataYaml.FileName))) return DatasetFormat.Yolo;
        if (File.Exists(Path.Combine(path, CocoWriter.AnnotationFileName))) return DatasetFormat.Coco;
        if (Directory.Exists(Path.Combine(path, VocReader.AnnotationFolder))) return DatasetFormat.Voc;
        if (Directory.Exists(Path.Combine(path, MaskFolderReader.ImagesFolder)) && Directory.Exists(Path.Combine(path, MaskFolderReader.MasksFolder)))
            return DatasetFormat.Masks;
        var folders = Directory.EnumerateDirectories(path).Where(d => !Path.GetFileName(d).StartsWith('.')).ToList();
        if (folders.Count > 0 && folders.Any(d => ImageFiles.Under(d).Any())) return DatasetFormat.ImageFolder;
        throw new ConfigurationException(path,
            $"cannot tell the dataset format: no data.yaml, {CocoWriter.AnnotationFileName}, {VocReader.AnnotationFolder}/, images/+masks/ or class folders of images; give --format");
    }
}
