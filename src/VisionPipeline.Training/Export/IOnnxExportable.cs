namespace VisionPipeline.Training.Export;

/// <summary>A network part that writes itself into an ONNX graph from its live weights.</summary>
public interface IOnnxExportable
{
    /// <summary>
    /// Adds the nodes that compute this module's eval-mode forward on <paramref name="input"/> (the name of a value
    /// already in the graph) and returns the name of the result.
    /// </summary>
    string Export(OnnxExport onnx, string input);
}
