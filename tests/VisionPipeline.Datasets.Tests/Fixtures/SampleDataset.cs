using VisionPipeline.Datasets.Formats.Files;
using VisionPipeline.Datasets.Masks;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Datasets.Tests.Fixtures;

/// <summary>
/// A small COCO-style dataset over real photos from sample-images/ with generated labels (the photos have
/// no real annotations): non-contiguous category ids, fractional boxes, polygons (one multi-part), compressed
/// and uncompressed RLE, a crowd region, keypoints and an image without objects.
/// </summary>
internal static class SampleDataset
{
    public static readonly string[] Photos = ["messi5.jpg", "fruits.jpg", "basketball1.png", "orange.jpg"];

    public static Dataset Create(bool boxesOnly = false)
    {
        var categories = new List<Category>
        {
            new(1, "person") { Supercategory = "human", KeypointNames = ["head", "foot"], Skeleton = [[1, 2]] },
            new(3, "ball"),
            new(7, "fruit"),
        };
        var images = new List<DatasetImage>();
        var (w0, h0) = Size(Photos[0]);
        images.Add(new DatasetImage(10, Photos[0], w0, h0,
        [
            new Annotation(101, 1, new BoxXywh(12.25, 30.5, 100.125, 200.75)) { Area = 15000.5, Keypoints = boxesOnly ? null : [new(50, 40, 2), new(60, 220, 1)], NumKeypoints = boxesOnly ? null : 2 },
            new Annotation(102, 3, new BoxXywh(300.1, 250.7, 40.3, 41.9)) { Area = 1689.57 },
        ]));
        var (w1, h1) = Size(Photos[1]);
        images.Add(new DatasetImage(20, Photos[1], w1, h1, boxesOnly
            ?
            [
                new Annotation(201, 7, new BoxXywh(10, 20, 200, 150)) { Area = 30000 },
                new Annotation(202, 7, new BoxXywh(0.333, 0.666, 511.667, 479.334)) { Area = 245000 },
            ]
            :
            [
                new Annotation(201, 7, new BoxXywh(10, 20, 200, 150))
                {
                    Segmentation = new PolygonSegmentation([[10, 20, 210, 20, 210, 170, 10, 170]]), Area = 30000,
                },
                new Annotation(202, 7, new BoxXywh(300, 100, 120.5, 80))
                {
                    Segmentation = new PolygonSegmentation([[300, 100, 360, 100, 330, 180], [380.5, 110, 420.5, 110, 400.5, 170]]),
                    Area = 3600.25,
                },
                new Annotation(203, 7, new BoxXywh(0, 0, 512, 60))
                {
                    Segmentation = new RleSegmentation(Rle.FromBbox(new BoxXywh(0, 0, 512, 60), h1, w1), Compressed: false),
                    IsCrowd = true, Area = 30720,
                },
            ]));
        var (w2, h2) = Size(Photos[2]);
        images.Add(new DatasetImage(30, Photos[2], w2, h2, boxesOnly
            ? [new Annotation(301, 3, new BoxXywh(200, 100, 64, 64)) { Area = 4096 }]
            :
            [
                new Annotation(301, 3, new BoxXywh(200, 100, 64, 64))
                {
                    Segmentation = new RleSegmentation(Rle.FromPolygon([200, 100, 264, 100, 264, 164, 200, 164], h2, w2)), Area = 4096,
                },
            ]));
        var (w3, h3) = Size(Photos[3]);
        images.Add(new DatasetImage(40, Photos[3], w3, h3, []));
        return new Dataset(RepoPaths.SampleImages, categories, images);
    }

    public static (int Width, int Height) Size(string photo) => ImageHeader.ReadSize(RepoPaths.Sample(photo));

    public static void CopyPhoto(string photo, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(RepoPaths.Sample(photo), destination, overwrite: true);
    }
}
