using VisionPipeline.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace VisionPipeline.Core.Yaml;

/// <summary>
/// Where a YAML text goes wrong when YamlDotNet says only that it does: for some unterminated flow collections it throws
/// an InvalidOperationException, and for a key given twice in one mapping (a stray ':' gives a second empty key) an
/// ArgumentException, neither with a position. Walking the parser's events again finds the repeated key, or else the
/// last place the parser understood.
/// </summary>
public static class YamlSyntax
{
    /// <summary>The place and a description of the problem; (null, …) when even the first event fails.</summary>
    public static (TextPosition? At, string Problem) Locate(string text)
    {
        var parser = new Parser(new StringReader(text));
        // Each open collection: for mappings, the keys seen so far and whether the next scalar or collection is a key.
        var open = new Stack<(HashSet<string>? Keys, bool ExpectKey)>();
        TextPosition? last = null;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = TextPosition.Of(current.Start.Line, current.Start.Column);
                bool isKey = open.TryPeek(out var parent) && parent.Keys is not null && parent.ExpectKey;
                if (open.Count > 0 && parent.Keys is not null && current is not (MappingEnd or SequenceEnd))
                {
                    open.Pop();
                    open.Push((parent.Keys, !parent.ExpectKey));
                }
                if (isKey && current is Scalar key && !parent.Keys!.Add(key.Value))
                    return (last, $"the key '{key.Value}' appears twice in one mapping (a stray ':'?)");
                switch (current)
                {
                    case MappingStart:
                        open.Push((new HashSet<string>(StringComparer.Ordinal), true));
                        break;
                    case SequenceStart:
                        open.Push((null, false));
                        break;
                    case MappingEnd or SequenceEnd:
                        open.Pop();
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            if (e is YamlException y) return (TextPosition.Of(y.Start.Line, y.Start.Column), y.Message);
        }
        return (last, "the text stops making sense after this point: look for an unterminated [ ] or { } or a stray ':'");
    }
}
