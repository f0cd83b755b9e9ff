namespace VisionPipeline.Core.Text;

/// <summary>"Did you mean" suggestions for mistyped names (models, node kinds, parameters, node ids).</summary>
public static class NameSuggestions
{
    /// <summary>"; did you mean 'x'?" when a known name is within a small edit distance, else "".</summary>
    public static string DidYouMean(string given, IEnumerable<string> known)
    {
        var best = known.Select(k => (Name: k, Distance: Levenshtein(k, given))).OrderBy(x => x.Distance).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, given.Length / 3) ? $"; did you mean '{best.Name}'?" : "";
    }

    /// <summary>Edit distance, ignoring case.</summary>
    public static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
