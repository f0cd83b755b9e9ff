using VisionPipeline.Graph.Models;
using VisionPipeline.Zoo;

namespace VisionPipeline.Graph.Definition.Model;

/// <summary>
/// What the names a `model` node writes point to: zoo entries (their files checksum-verified once the models are
/// open), or files relative to the pipeline file.
/// </summary>
public sealed class ModelFiles(string pipelinePath, ModelStore store)
{
    public string PipelinePath { get; } = pipelinePath;
    public ModelStore Store { get; } = store;

    public string NextToPipeline(string relative) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(PipelinePath) ?? ".", relative));

    /// <summary>The zoo entry of a model id (any case), or null.</summary>
    public ZooEntry? Entry(string id) =>
        Store.Manifest.Models.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A zoo entry's file (checksum-verified when <paramref name="models"/> are open), else a path relative to the
    /// pipeline file.
    /// </summary>
    public string ZooOrFile(string name, ModelCatalog? models = null)
    {
        var entry = Store.Manifest.Models.FirstOrDefault(m => m.Id == name);
        if (entry is null) return NextToPipeline(name);
        return models is null ? Store.PathOf(entry) : models.ResolveFile(name);
    }
}
