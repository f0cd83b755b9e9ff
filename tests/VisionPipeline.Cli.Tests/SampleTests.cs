using System.Globalization;
using VisionPipeline.Core.Results;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

/// <summary>samples/QuickStart: the library's front door as a user meets it, built from the sources and from the packages.</summary>
public class SampleTests
{
    private static readonly TimeSpan Minutes10 = TimeSpan.FromMinutes(10);
    private static string SampleFolder => Path.Combine(RepoPaths.Root, "samples", "QuickStart");
    private static readonly Dictionary<string, string> Models = new() { ["VISION_MODELS"] = RepoPaths.Models };

    [Fact]
    public void The_quick_start_sample_prints_what_vision_run_finds_in_the_same_photo()
    {
        var dll = Path.Combine(SampleFolder, "bin", "Release", "net10.0", "QuickStart.dll");
        var sample = DotnetProcess.Run(RepoPaths.Root, [dll, "sample-images/messi5.jpg"], Minutes10, Models);
        Assert.True(sample.ExitCode == 0, sample.ToString());
        Assert.Equal(WhatVisionRunFinds("messi5.jpg"), sample.Stdout);
    }

    [Fact]
    public void The_sample_builds_against_the_packed_NuGet_packages_from_a_local_folder()
    {
        using var temp = new TempDirectory();
        // A version of its own, so that no package cached by an earlier run of this test is used instead.
        var version = $"0.0.0-test.{Guid.NewGuid():N}";
        try
        {
            var pack = DotnetProcess.Run(RepoPaths.Root,
                ["pack", "VisionPipeline.sln", "-c", "Release", "--no-build", "-nologo", "-o", temp.File("packages"), $"-p:Version={version}"], Minutes10);
            Assert.True(pack.ExitCode == 0, pack.ToString());
            var packages = Directory.GetFiles(temp.File("packages"), "*.nupkg").Select(Path.GetFileName).ToList();
            Assert.Contains($"VisionPipeline.{version}.nupkg", packages);

            // The sample's two files alone, outside the repository: nothing of the source tree can leak into the build.
            var app = Directory.CreateDirectory(temp.File("app")).FullName;
            foreach (var file in new[] { "Program.cs", "QuickStart.csproj" }) File.Copy(Path.Combine(SampleFolder, file), Path.Combine(app, file));
            File.WriteAllText(Path.Combine(app, "nuget.config"),
                $"<configuration><packageSources><add key=\"local\" value=\"{temp.File("packages")}\" /></packageSources></configuration>");
            var build = DotnetProcess.Run(app, ["build", "-c", "Release", "-nologo", $"-p:VisionPipelineVersion={version}"], Minutes10);
            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.True(File.Exists(Path.Combine(app, "bin", "Release", "net10.0", "pipelines", "default.yaml")),
                "the built-in pipelines did not come with the package into the app's output");

            var sample = DotnetProcess.Run(RepoPaths.Root, [Path.Combine(app, "bin", "Release", "net10.0", "QuickStart.dll"), "sample-images/messi5.jpg"],
                Minutes10, Models);
            Assert.True(sample.ExitCode == 0, sample.ToString());
            Assert.Equal(WhatVisionRunFinds("messi5.jpg"), sample.Stdout);
        }
        finally
        {
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ??
                        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var id in Directory.Exists(cache) ? Directory.GetDirectories(cache, "visionpipeline*") : [])
            {
                if (Directory.Exists(Path.Combine(id, version))) Directory.Delete(Path.Combine(id, version), recursive: true);
                if (Directory.GetFileSystemEntries(id).Length == 0) Directory.Delete(id);
            }
        }
    }

    /// <summary>`vision run`'s record of the photo, printed as the sample prints what it found.</summary>
    private static string WhatVisionRunFinds(string photo)
    {
        using var output = new TempDirectory();
        var run = VisionProcess.Run("run", "-i", Path.Combine("sample-images", photo), "-o", output.Path, "--quiet");
        Assert.True(run.ExitCode == 0, run.ToString());
        var record = ResultJson.Deserialize(File.ReadLines(Path.Combine(output.Path, "results.jsonl")).Single());
        var lines = new List<string> { $"{record.Image}: {record.Width}x{record.Height}" };
        foreach (var d in record.Detections)
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{d.Node} {d.Label} {d.Score:0.000} at {d.Box[0]:0.0},{d.Box[1]:0.0},{d.Box[2]:0.0},{d.Box[3]:0.0}{(d.Text is null ? "" : $" \"{d.Text}\"")}"));
        lines.AddRange(record.Masks.Select(m => $"{m.Node} {m.Label} mask of {m.Area} pixels"));
        Assert.True(lines.Count > 3, "the photo should hold a face, text and a person");
        return string.Join("", lines.Select(l => l + "\n"));
    }
}
