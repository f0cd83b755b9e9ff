using OpenCvSharp;
using VisionPipeline.Augmentation.Transforms;
using VisionPipeline.Augmentation.Transforms.Geometric;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Tests.Geometric;

/// <summary>Every single-image geometric transform, with strong random settings.</summary>
public static class GeometricCatalog
{
    public static IReadOnlyDictionary<string, Func<Transform>> All { get; } = new Dictionary<string, Func<Transform>>
    {
        ["horizontal_flip"] = () => new HorizontalFlip(),
        ["vertical_flip"] = () => new VerticalFlip(),
        ["rotate"] = () => new Rotate(new ValueRange(-180, 180)),
        ["rotate_reflect"] = () => new Rotate(new ValueRange(-40, 40), new BorderStyle(Border: BorderTypes.Reflect101)),
        ["affine"] = () => new Affine { Scale = new(0.7, 1.3), Translate = new(-0.2, 0.2), Angle = new(-45, 45) },
        ["affine_shear"] = () => new Affine
        {
            Scale = new(0.7, 1.3), Translate = new(-0.2, 0.2), Angle = new(-45, 45), Shear = new(-15, 15),
        },
        ["perspective"] = () => new Perspective(new ValueRange(0.02, 0.15)),
        ["random_resized_crop"] = () => new RandomResizedCrop(96, 80) { Scale = new(0.3, 1) },
        ["random_crop"] = () => new RandomCrop(64, 48),
        ["random_crop_keep_boxes"] = () => new RandomCrop(56, 56) { KeepBoxes = true },
        ["pad"] = () => new Pad(200, 180) { Position = PadPosition.Random },
        ["letterbox"] = () => new Letterbox(128, 96),
        ["resize"] = () => new Resize(100, 130),
        ["random_scale"] = () => new RandomScale(new ValueRange(0.5, 1.5)),
        ["grid_distortion"] = () => new GridDistortion(5, new ValueRange(-0.3, 0.3)),
        ["elastic"] = () => new ElasticDistortion(40, 8),
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Keys) data.Add(name);
        return data;
    }
}
