using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Text;
using VisionPipeline.Graph.Definition;

namespace VisionPipeline.Graph.Pipelines;

/// <summary>
/// The pipeline files that ship with the program (pipelines/*.yaml, copied next to it), and how --pipeline
/// finds a pipeline: an existing file path first, then a built-in name.
/// </summary>
public static class BuiltInPipelines
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "pipelines");

    public static IReadOnlyList<string> Names =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    public static string PathOf(string nameOrFile)
    {
        if (File.Exists(nameOrFile)) return Path.GetFullPath(nameOrFile);
        var builtIn = Path.Combine(Directory, nameOrFile + ".yaml");
        if (File.Exists(builtIn)) return builtIn;
        bool looksLikeFile = nameOrFile.Contains('/') || nameOrFile.Contains('\\') || nameOrFile.EndsWith(".yaml") || nameOrFile.EndsWith(".yml");
        throw new ConfigurationException(looksLikeFile ? nameOrFile : null, looksLikeFile
            ? "pipeline file not found"
            : $"unknown pipeline '{nameOrFile}'{NameSuggestions.DidYouMean(nameOrFile, Names)} (built-in pipelines: {string.Join(", ", Names)}; or give a .yaml file)");
    }

    public static PipelineDocument Load(string nameOrFile) => PipelineFileReader.Read(PathOf(nameOrFile));
}
