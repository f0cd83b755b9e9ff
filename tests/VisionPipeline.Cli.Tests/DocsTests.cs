using System.Text;
using System.Text.RegularExpressions;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

/// <summary>README.md and the reference pages under docs/: size, links, anchors, and the node reference.</summary>
public class DocsTests
{
    private const string KindsStart = "<!-- kinds:start -->\n```\n";
    private const string KindsEnd = "```\n<!-- kinds:end -->";
    private const string KindsPage = "docs/pipelines.md";

    private static string Readme => Path.Combine(RepoPaths.Root, "README.md");

    /// <summary>README.md and every Markdown page under docs/.</summary>
    private static IEnumerable<string> Pages() =>
        Directory.GetFiles(RepoPaths.Docs, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Prepend(Readme);

    private static string Relative(string path) => Path.GetRelativePath(RepoPaths.Root, path).Replace('\\', '/');

    [Fact]
    public void The_README_is_short()
    {
        var lines = File.ReadAllLines(Readme).Length;
        Assert.True(lines < 250, $"README.md has {lines} lines; keep it under 250 and move reference material to docs/");
    }

    [Fact]
    public void Every_relative_link_and_anchor_resolves()
    {
        var broken = new List<string>();
        foreach (var page in Pages())
            foreach (var link in MarkdownPage.Read(page).Links)
                if (Problem(page, link.Target) is { } problem)
                    broken.Add($"{Relative(page)}:{link.Line}: ({link.Target}): {problem}");
        Assert.True(broken.Count == 0, $"{broken.Count} broken link(s):\n" + string.Join('\n', broken));
    }

    [Fact]
    public void Every_docs_page_is_linked_from_the_README()
    {
        var linked = MarkdownPage.Read(Readme).Links
            .Select(l => l.Target.Split('#')[0])
            .Where(t => t.Length > 0 && !IsExternal(t))
            .Select(t => Path.GetFullPath(Path.Combine(RepoPaths.Root, Uri.UnescapeDataString(t))))
            .ToHashSet();
        var unlinked = Pages().Skip(1).Where(p => !linked.Contains(Path.GetFullPath(p))).Select(Relative).ToList();
        Assert.True(unlinked.Count == 0, "README.md's Reference list does not link: " + string.Join(", ", unlinked));
    }

    [Fact]
    public void The_docs_node_reference_is_what_the_program_prints()
    {
        var result = VisionProcess.Run("pipelines", "kinds");
        Assert.True(result.ExitCode == 0, result.ToString());
        var page = File.ReadAllText(Path.Combine(RepoPaths.Root, KindsPage)).Replace("\r\n", "\n");
        int start = page.IndexOf(KindsStart, StringComparison.Ordinal);
        int end = page.IndexOf(KindsEnd, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start,
            $"{KindsPage} lacks the node reference block: a line `<!-- kinds:start -->`, a ``` fence, the output of `vision pipelines kinds`, a ``` fence and `<!-- kinds:end -->`");
        var documented = page[(start + KindsStart.Length)..end];
        Assert.True(documented == result.Stdout,
            $"{KindsPage}'s node reference is out of date: paste the output of `vision pipelines kinds` between its kinds markers; {FirstDifference(documented, result.Stdout)}");
    }

    private static string FirstDifference(string documented, string printed)
    {
        var a = documented.Split('\n');
        var b = printed.Split('\n');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "(end)";
            var y = i < b.Length ? b[i] : "(end)";
            if (x != y) return $"block line {i + 1}: documented \"{x}\", printed \"{y}\"";
        }
        return "they differ only in line endings";
    }

    private static bool IsExternal(string target) => Regex.IsMatch(target, "^[a-zA-Z][a-zA-Z0-9+.-]*:");

    /// <summary>Why a link from <paramref name="page"/> does not resolve, or null when it does.</summary>
    private static string? Problem(string page, string target)
    {
        if (IsExternal(target)) return null;  // http(s), mailto: not fetched
        int hash = target.IndexOf('#');
        var pathPart = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        var anchor = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);

        var resolved = pathPart.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, pathPart));
        var root = Path.GetFullPath(RepoPaths.Root) + Path.DirectorySeparatorChar;
        if (!resolved.StartsWith(root, StringComparison.Ordinal)) return "points outside the repository";
        if (Directory.Exists(resolved)) return anchor is null ? null : "an anchor on a folder";
        if (!File.Exists(resolved)) return $"no file {Relative(resolved)}";
        if (anchor is null || !resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase)) return null;
        var anchors = MarkdownPage.Read(resolved).Anchors;
        return anchors.Contains(anchor) ? null : $"no heading with anchor #{anchor} in {Relative(resolved)}";
    }
}

/// <summary>What the docs tests need of a Markdown file: its links (outside code) and its heading anchors.</summary>
internal sealed record MarkdownPage(IReadOnlyList<(int Line, string Target)> Links, IReadOnlySet<string> Anchors)
{
    private static readonly Regex Fence = new(@"^\s{0,3}(```|~~~)");
    private static readonly Regex CodeSpan = new(@"(`+)(.+?)\1");
    private static readonly Regex Link = new(@"\]\(\s*<?([^()\s<>]+)>?(?:\s+""[^""]*"")?\s*\)");
    private static readonly Regex AtxHeading = new(@"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$");
    private static readonly Regex SetextUnderline = new(@"^\s{0,3}(=+|-+)\s*$");
    private static readonly Regex HtmlAnchor = new(@"<a\s+(?:id|name)=""([^""]+)""", RegexOptions.IgnoreCase);

    public static MarkdownPage Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var links = new List<(int, string)>();
        var headings = new List<string>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        bool inFence = false;
        for (int i = 0; i < lines.Length; i++)
        {
            if (Fence.IsMatch(lines[i])) { inFence = !inFence; continue; }
            if (inFence) continue;
            var text = CodeSpan.Replace(lines[i], "``");  // code is not Markdown: `[a](b)` in it is no link
            foreach (Match m in Link.Matches(text)) links.Add((i + 1, m.Groups[1].Value));
            foreach (Match m in HtmlAnchor.Matches(lines[i])) anchors.Add(m.Groups[1].Value);
            if (AtxHeading.Match(lines[i]) is { Success: true } atx) headings.Add(atx.Groups[1].Value);
            else if (lines[i].Trim().Length > 0 && i + 1 < lines.Length && SetextUnderline.IsMatch(lines[i + 1])
                     && !lines[i].TrimStart().StartsWith('|')) headings.Add(lines[i].Trim());
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var heading in headings)
        {
            var slug = Slug(heading);
            int n = seen.GetValueOrDefault(slug);
            seen[slug] = n + 1;
            anchors.Add(n == 0 ? slug : $"{slug}-{n}");
        }
        return new MarkdownPage(links, anchors);
    }

    /// <summary>GitHub's heading anchor: the rendered text lowercased, punctuation other than '-' and '_' removed,
    /// each space a '-'.</summary>
    public static string Slug(string heading)
    {
        var text = Regex.Replace(heading, @"!?\[([^\]]*)\]\([^)]*\)", "$1");  // links and images: their text
        text = Regex.Replace(text, "<[^>]+>", "");                            // inline HTML
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (c == ' ') slug.Append('-');
            else if (c is '-' or '_' || char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark) slug.Append(c);
        }
        return slug.ToString();
    }
}
