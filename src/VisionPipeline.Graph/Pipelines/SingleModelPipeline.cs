using VisionPipeline.Core.Errors;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Inference.Onnx;

namespace VisionPipeline.Graph.Pipelines;

/// <summary>
/// The pipeline `vision run --model FILE` runs: the image, the model with everything chosen automatically, and
/// results.jsonl plus annotated images (plus mask PNGs for segmentation models).
/// </summary>
public static class SingleModelPipeline
{
    public static PipelineDocument For(string modelPath)
    {
        var full = Path.GetFullPath(modelPath);
        if (!File.Exists(full)) throw new ConfigurationException(modelPath, "model file not found");
        bool masks = false;
        if (full.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            masks = DecoderChooser.Choose(OnnxModelInfo.Read(full), out _)?.Decoder.FromImage == PortType.Masks;
        var yaml = $"""
            name: {Path.GetFileNameWithoutExtension(full)}
            description: {Path.GetFileName(full)} with its decoder chosen from its metadata and outputs
            nodes:
              - id: image
                kind: source.images
              - id: model
                kind: model
                input: image
                path: '{full.Replace("'", "''")}'
              - id: results
                kind: sink.jsonl
                inputs: [model]
              - id: annotated
                kind: sink.annotated
                inputs: [model]
            {(masks ? "  - id: masks\n    kind: sink.masks\n    inputs: [model]\n" : "")}
            """;
        return PipelineFileReader.Parse(full, yaml);
    }
}
