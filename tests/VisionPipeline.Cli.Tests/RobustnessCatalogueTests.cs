using System.Text.RegularExpressions;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

/// <summary>docs/robustness.md: every row names at least one test, and every test it names exists.</summary>
public partial class RobustnessCatalogueTests
{
    private static readonly string Page = Path.Combine(RepoPaths.Docs, "robustness.md");

    [Fact]
    public void Every_row_of_the_catalogue_names_a_test_that_exists()
    {
        var sources = Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText).ToArray();
        var rows = File.ReadAllLines(Page).Where(l => l.StartsWith("| ") && !l.StartsWith("| input") && !l.StartsWith("| fault")).ToArray();
        Assert.True(rows.Length >= 60, $"the catalogue has only {rows.Length} rows");

        var problems = new List<string>();
        foreach (var row in rows)
        {
            var cells = row.Split(" | ");
            var tests = TestName().Matches(cells[^1]).Select(m => (Class: m.Groups[1].Value, Method: m.Groups[2].Value)).ToList();
            if (tests.Count == 0) problems.Add($"no test named in: {row[..Math.Min(80, row.Length)]}");
            foreach (var (type, method) in tests)
                if (!sources.Any(s => s.Contains($"class {type}") && Regex.IsMatch(s, $@"\b(void|Task) {method}\(")))
                    problems.Add($"{type}.{method} does not exist (row: {cells[0].TrimStart('|', ' ')})");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [GeneratedRegex(@"`(\w+)\.(\w+)`")]
    private static partial Regex TestName();
}
