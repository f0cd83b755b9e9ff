using VisionPipeline.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace VisionPipeline.Core.Yaml;

/// <summary>
/// Refuses YAML that no real configuration resembles and that would take a reader down: aliases that make it grow
/// beyond reason ("billion laughs": nine aliases of nine aliases of … a few bytes expand to gigabytes when a reader
/// walks them), an alias to a node from inside that node (a cycle, which a reader walking the tree follows until its
/// stack overflows), and nesting deep enough to overflow the stack of the tree builder. Checked on the parser's events
/// before any tree is built, so the check itself neither expands nor recurses.
/// </summary>
public static class YamlExpansion
{
    /// <summary>Nodes a file may hold once every alias is replaced by what it names; real files hold a few hundred.</summary>
    public const long MaxNodes = 100_000;

    /// <summary>Collections inside collections; real files nest a handful deep.</summary>
    public const int MaxDepth = 64;

    /// <exception cref="ConfigurationException">an alias makes the file too large or names a node it is inside of, or
    /// the file nests too deep</exception>
    /// <remarks>Syntax errors are left to the reader that follows, which reports them in its own words.</remarks>
    public static void Check(string file, string text)
    {
        var parser = new Parser(new StringReader(text));
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(string? Anchor, long Nodes)>(); // each open collection: its anchor and its nodes so far
        var openAnchors = new HashSet<string>(StringComparer.Ordinal);
        long expanded = 0;

        void Add(long nodes, ParsingEvent at)
        {
            expanded += nodes;
            if (open.TryPop(out var parent)) open.Push((parent.Anchor, parent.Nodes + nodes));
            if (expanded > MaxNodes)
                throw Refuse(file, at, $"its aliases expand it to more than {MaxNodes:N0} nodes, far beyond any real configuration (an alias bomb?); write the values out instead");
        }

        void Open(AnchorName anchor, ParsingEvent at)
        {
            if (open.Count == MaxDepth) throw Refuse(file, at, $"collections nested more than {MaxDepth} deep");
            Add(1, at);
            open.Push((anchor.IsEmpty ? null : anchor.Value, 1));
            if (!anchor.IsEmpty) openAnchors.Add(anchor.Value);
        }

        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case AnchorAlias alias:
                        if (openAnchors.Contains(alias.Value.Value))
                            throw Refuse(file, alias, $"the alias *{alias.Value} refers to a node it is inside of (a cycle)");
                        Add(sizes.GetValueOrDefault(alias.Value.Value, 1), alias); // an unknown anchor is the reader's syntax error
                        break;
                    case Scalar scalar:
                        Add(1, scalar);
                        if (!scalar.Anchor.IsEmpty) sizes[scalar.Anchor.Value] = 1;
                        break;
                    case SequenceStart start:
                        Open(start.Anchor, start);
                        break;
                    case MappingStart start:
                        Open(start.Anchor, start);
                        break;
                    case SequenceEnd or MappingEnd:
                        var closed = open.Pop();
                        // The parent counted this collection's own node when it opened; now it gets what was inside.
                        if (open.TryPop(out var parent)) open.Push((parent.Anchor, parent.Nodes + closed.Nodes - 1));
                        if (closed.Anchor is null) break;
                        openAnchors.Remove(closed.Anchor);
                        sizes[closed.Anchor] = closed.Nodes;
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            // Not valid YAML (YamlDotNet throws the last two for some unterminated collections): the reader's own parse
            // names the problem, in its own words.
        }
    }

    private static ConfigurationException Refuse(string file, ParsingEvent at, string problem) =>
        new(file, TextPosition.Of(at.Start.Line, at.Start.Column), problem);
}
