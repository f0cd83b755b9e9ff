using System.Text.Json;
using VisionPipeline.Augmentation.Recipes;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Results;
using VisionPipeline.Datasets;
using VisionPipeline.Datasets.Formats.Coco;
using VisionPipeline.Datasets.Formats.MaskFolder;
using VisionPipeline.Datasets.Formats.Voc;
using VisionPipeline.Datasets.Formats.Yolo;
using VisionPipeline.Datasets.Masks;
using VisionPipeline.Graph.Definition;

namespace VisionPipeline.Fuzz;

/// <summary>
/// One fuzz target: feeds an input to a parser and swallows the errors that parser documents for bad input.
/// Anything else escaping <see cref="Run"/> is a finding.
/// </summary>
public sealed record Target(string Name, string Description, Action<string> Parse, Func<Exception, bool> Expected)
{
    public void Run(string input)
    {
        try { Parse(input); }
        catch (Exception e) when (Expected(e)) { }
    }
}

public static class Targets
{
    private static bool Vision(Exception e) => e is VisionException;

    public static readonly IReadOnlyList<Target> All =
    [
        new("pipeline", "pipeline file (PipelineFileReader.Parse)", text => PipelineFileReader.Parse("fuzz.yaml", text), Vision),
        new("recipe", "augmentation recipe (RecipeReader.Parse)", text => RecipeReader.Parse("fuzz.yaml", text), Vision),
        new("coco", "COCO annotation file (CocoReader.Read)", Coco, Vision),
        new("yolo-yaml", "YOLO data.yaml (YoloReader.Read)", YoloYaml, Vision),
        new("yolo-labels", "YOLO label file (YoloReader.Read)", YoloLabels, Vision),
        new("voc", "VOC annotation XML (VocReader.Read)", Voc, Vision),
        new("mask-classes", "mask folder classes.txt (MaskFolderReader.Read)", MaskClasses, Vision),
        new("rle", "COCO compressed RLE counts, first line 'height width' (Rle.FromCompressedString)", RleCounts,
            e => e is FormatException or ArgumentException),
        new("results", "results.jsonl lines (ResultJson.Deserialize)", Results, e => e is JsonException),
    ];

    public static Target? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    // One scratch folder per process holding a tiny dataset per target; each input overwrites the one file it is.
    // The readers only read, so nothing else changes between inputs.
    private static readonly string Scratch = Directory.CreateTempSubdirectory("vision-fuzz-").FullName;

    /// <summary>Removes the scratch folder (replay mode; under afl-fuzz, scripts/fuzz.sh removes its TMPDIR).</summary>
    public static void RemoveScratch() => Directory.Delete(Scratch, recursive: true);

    private static string Folder(string name) => Directory.CreateDirectory(Path.Combine(Scratch, name)).FullName;

    private static string Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static void Drain(Dataset dataset)
    {
        foreach (var _ in dataset.Images) { }
    }

    private static void Coco(string text)
    {
        var root = Folder("coco");
        Drain(CocoReader.Read(Write(root, "annotations.json", text)));
    }

    private static void YoloYaml(string text)
    {
        var root = Folder("yolo-yaml");
        Directory.CreateDirectory(Path.Combine(root, "images", "train"));
        Directory.CreateDirectory(Path.Combine(root, "images", "val"));
        var yaml = Write(root, "data.yaml", text);
        // The folders a data.yaml names are the user's choice: walk them only when they stay in the scratch folder.
        var data = YoloDataYaml.Load(yaml);
        if (data.Splits.All(s => s.ImageDirectory.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            Drain(YoloReader.Read(yaml));
    }

    // An 8×6 PNG as far as ImageHeader reads it: signature and IHDR.
    private static readonly byte[] PngHeader =
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 8, 0, 0, 0, 6, 8, 0];

    private static readonly Lazy<string> YoloDataset = new(() =>
    {
        var root = Folder("yolo-labels");
        Write(root, "data.yaml", "names: [cat, dog, bird]\ntrain: images/train\n");
        Directory.CreateDirectory(Path.Combine(root, "images", "train"));
        File.WriteAllBytes(Path.Combine(root, "images", "train", "a.png"), PngHeader);
        return root;
    });

    private static void YoloLabels(string text)
    {
        // Only the label file changes from input to input.
        Write(YoloDataset.Value, "labels/train/a.txt", text);
        Drain(YoloReader.Read(YoloDataset.Value));
    }

    private static void Voc(string text)
    {
        var root = Folder("voc");
        Write(root, "Annotations/a.xml", text);
        Drain(VocReader.Read(root));
    }

    private static void MaskClasses(string text)
    {
        var root = Folder("mask-classes");
        Directory.CreateDirectory(Path.Combine(root, MaskFolderReader.ImagesFolder));
        Directory.CreateDirectory(Path.Combine(root, MaskFolderReader.MasksFolder));
        Write(root, MaskFolderReader.ClassesFile, text);
        Drain(MaskFolderReader.Read(root));
    }

    private static void RleCounts(string text)
    {
        var newline = text.IndexOf('\n');
        if (newline < 0) return;
        var size = text[..newline].Split(' ');
        // Sizes stay small so that one input decodes in microseconds.
        if (size.Length != 2 || !int.TryParse(size[0], out var height) || !int.TryParse(size[1], out var width)
            || height is < 0 or > 1000 || width is < 0 or > 1000) return;
        var rle = Rle.FromCompressedString(text[(newline + 1)..].TrimEnd('\n'), height, width);
        _ = rle.Area;
        _ = rle.ToBbox();
        rle.DecodeColumnMajor(new byte[height * width]);
        if (!Rle.FromCompressedString(rle.ToCompressedString(), height, width).Equals(rle))
            throw new InvalidOperationException("the compressed string does not read back to the same counts");
    }

    private static void Results(string text)
    {
        foreach (var line in text.Split('\n'))
            if (!string.IsNullOrWhiteSpace(line)) ResultJson.Deserialize(line);
    }
}
