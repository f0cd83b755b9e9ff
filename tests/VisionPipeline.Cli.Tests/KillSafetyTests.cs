using System.Diagnostics;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

/// <summary>
/// SIGKILL at random points (seeded), then the same command again (`run` with --resume): the output equals a clean
/// run's byte for byte, and no half-written file is left anywhere in it.
/// </summary>
public class KillSafetyTests
{
    private const int KillPoints = 3;

    [Fact]
    public void A_killed_run_resumed_ends_with_the_output_of_an_uninterrupted_run()
    {
        using var input = new TempDirectory();
        string[] sources = ["messi5.jpg", "fruits.jpg", "orange.jpg"];
        for (int i = 0; i < 300; i++) File.Copy(RepoPaths.Sample(sources[i % 3]), input.File($"img{i:D3}.jpg"));
        string[] Run(string output) => ["run", "-i", input.Path, "-o", output, "-p", "faces", "--quiet"];

        AssertKillsLeaveNothingBroken(Run, resume: ["--resume"], seed: 1);
    }

    [Fact]
    public void A_killed_augmentation_run_again_ends_with_the_output_of_an_uninterrupted_run()
    {
        using var data = new TempDirectory();
        var dataset = YoloFaces(data, 200);
        AssertKillsLeaveNothingBroken(output => ["augment", "--input", dataset, "--output", output, "--copies", "4", "--seed", "3", "--quiet"], [], seed: 2);
    }

    [Fact]
    public void A_killed_dataset_conversion_run_again_ends_with_the_output_of_an_uninterrupted_run()
    {
        using var data = new TempDirectory();
        var dataset = YoloFaces(data, 300);
        AssertKillsLeaveNothingBroken(output => ["dataset", "convert", "--input", dataset, "--output", output, "--to", "coco"], [], seed: 3);
    }

    private static void AssertKillsLeaveNothingBroken(Func<string, string[]> command, string[] resume, int seed)
    {
        using var clean = new TempDirectory();
        var clock = Stopwatch.StartNew();
        var reference = VisionProcess.Run(command(clean.Path));
        var duration = clock.Elapsed;
        Assert.True(reference.ExitCode == 0, reference.ToString());
        var expected = Snapshot(clean.Path);

        var random = new Random(seed);
        for (int k = 0; k < KillPoints; k++)
        {
            using var killed = new TempDirectory();
            var delay = duration * (0.15 + 0.7 * random.NextDouble());
            bool wasKilled = VisionProcess.KillAfter(delay, command(killed.Path));
            var again = VisionProcess.Run([.. command(killed.Path), .. resume]);
            Assert.True(again.ExitCode == 0, $"after a kill at {delay.TotalSeconds:0.00} s: {again}");
            var actual = Snapshot(killed.Path);
            Assert.True(expected.Keys.SequenceEqual(actual.Keys),
                $"after a kill at {delay.TotalSeconds:0.00} s (killed: {wasKilled}) the files differ: " +
                $"missing {string.Join(", ", expected.Keys.Except(actual.Keys).Take(5))}; extra {string.Join(", ", actual.Keys.Except(expected.Keys).Take(5))}");
            foreach (var (file, bytes) in expected)
                Assert.True(bytes.AsSpan().SequenceEqual(actual[file]), $"after a kill at {delay.TotalSeconds:0.00} s, {file} differs from a clean run's");
        }
    }

    /// <summary>Every file below the folder, hidden ones included (a killed write's temporary file would be one).</summary>
    private static SortedDictionary<string, byte[]> Snapshot(string folder)
    {
        // Hidden entries too: a killed writer's temporary files start with a dot.
        var all = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None };
        return new SortedDictionary<string, byte[]>(
            Directory.EnumerateFiles(folder, "*", all).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes), StringComparer.Ordinal);
    }

    /// <summary>A YOLO dataset of copies of messi5.jpg, each with its face labelled.</summary>
    private static string YoloFaces(TempDirectory root, int count)
    {
        Directory.CreateDirectory(root.File("images/train"));
        Directory.CreateDirectory(root.File("labels/train"));
        for (int i = 0; i < count; i++)
        {
            File.Copy(RepoPaths.Sample("messi5.jpg"), root.File($"images/train/m{i:D3}.jpg"));
            File.WriteAllText(root.File($"labels/train/m{i:D3}.txt"), "0 0.43344 0.31535 0.06297 0.10076\n");
        }
        File.WriteAllText(root.File("data.yaml"), "path: .\ntrain: images/train\nnames: [face]\n");
        return root.File("data.yaml");
    }
}
