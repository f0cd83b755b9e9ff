using VisionPipeline.Core.Errors;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Nodes;

namespace VisionPipeline.Graph.Pipelines;

/// <summary>The pipelines that ship with the program, by name.</summary>
public static class BuiltInPipelines
{
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>
    {
        ["default"] = "faces (BlazeFace full-range) + person mask (selfie segmentation) + text lines read by PP-OCRv4",
        ["faces"] = "faces with 6 keypoints (BlazeFace full-range)",
        ["people"] = "person mask (selfie segmentation, general model)",
        ["ocr"] = "PP-OCRv4 text detection → direction classifier → recognition",
        ["embed"] = "512-d ResNet18 embedding of the whole image",
    };

    public static IReadOnlyList<string> Names => Descriptions.Keys.ToArray();

    public static Pipeline Create(string name, ModelCatalog models)
    {
        try
        {
            IFrameNode[] nodes = name.ToLowerInvariant() switch
            {
                "default" => [Faces(models), Person(models), Text(models, withDirection: false)],
                "faces" => [Faces(models)],
                "people" => [Person(models)],
                "ocr" => [Text(models, withDirection: true)],
                "embed" => [new ImageEmbeddingNode("embedding", models.Open("resnet18-preprocess"), models.Open("resnet18"))],
                _ => throw new ConfigurationException(null,
                    $"unknown pipeline '{name}' (built-in pipelines: {string.Join(", ", Names)})"),
            };
            return new Pipeline(name.ToLowerInvariant(), nodes, models);
        }
        catch
        {
            models.Dispose();
            throw;
        }
    }

    private static FaceDetectorNode Faces(ModelCatalog models) => new("faces", models.Open("blazeface-full"));

    private static PersonSegmenterNode Person(ModelCatalog models) => new("person", models.Open("selfie-general"));

    private static TextReaderNode Text(ModelCatalog models, bool withDirection) => new("text",
        models.Open("ppocr-det"), models.Open("ppocr-rec"), models.ResolveFile("ppocr-keys"),
        withDirection ? models.Open("ppocr-cls") : null);
}
