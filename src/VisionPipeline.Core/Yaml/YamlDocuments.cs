using VisionPipeline.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VisionPipeline.Core.Yaml;

/// <summary>
/// Loads a configuration file's YAML into its node tree the one way every reader needs it (pipelines, recipes,
/// data.yaml): refused first when its aliases or nesting would take the reader down (<see cref="YamlExpansion"/>), and
/// a syntax error placed even where YamlDotNet gives no position (<see cref="YamlSyntax"/>).
/// </summary>
public static class YamlDocuments
{
    /// <returns>The first document's root node; null when the text holds no document.</returns>
    /// <exception cref="YamlSyntaxError">the text is not YAML; each reader words it its own way</exception>
    /// <exception cref="ConfigurationException">the text is refused by <see cref="YamlExpansion"/></exception>
    public static YamlNode? Load(string path, string text)
    {
        YamlExpansion.Check(path, text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new YamlSyntaxError(e.Start.At(), (e.InnerException?.Message ?? e.Message).Split(" at line")[0], e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these, without a position, for some unterminated flow collections and stray keys.
            var (at, problem) = YamlSyntax.Locate(text);
            throw new YamlSyntaxError(at, problem, e);
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    /// <summary>Where a node starts.</summary>
    public static TextPosition At(this YamlNode node) => node.Start.At();

    public static TextPosition At(this Mark mark) => TextPosition.Of(mark.Line, mark.Column);
}

/// <summary>Text that is not YAML: where (when known) and what YamlDotNet or <see cref="YamlSyntax"/> says.</summary>
public sealed class YamlSyntaxError(TextPosition? at, string problem, Exception inner) : Exception(problem, inner)
{
    public TextPosition? At { get; } = at;
    public string Problem { get; } = problem;
}
