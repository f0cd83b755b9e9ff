using System.Diagnostics;
using System.Text;
using VisionPipeline.Core.Results;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests.Robustness;

/// <summary>What the file system can do to a run: fill up, refuse to be written or read, hold names .NET cannot open.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class FileSystemFaultTests
{
    private static readonly string[] Photos = ["messi5.jpg", "fruits.jpg", "orange.jpg", "baboon.jpg"];

    private static TempDirectory Images(int count)
    {
        var input = new TempDirectory();
        for (int i = 0; i < count; i++) File.Copy(RepoPaths.Sample(Photos[i % Photos.Length]), input.File($"img{i:D2}.jpg"));
        return input;
    }

    [Fact]
    public void A_full_disk_stops_the_run_with_one_line_and_resume_completes_it_once_there_is_room()
    {
        using var input = Images(12);
        using var clean = new TempDirectory();
        var reference = VisionProcess.Run("run", "-i", input.Path, "-o", clean.Path, "-p", "faces", "--quiet");
        Assert.True(reference.ExitCode == 0, reference.ToString());

        using var mountPoint = new TempDirectory();
        if (!SmallTmpfs.TryMount(mountPoint.Path, "400k"))
        {
            // No tmpfs for this user: the results file is made to lead to /dev/full, whose writes fail with ENOSPC.
            File.CreateSymbolicLink(Path.Combine(mountPoint.Path, "results.jsonl.partial"), "/dev/full");
            var refused = VisionProcess.Run("run", "-i", input.Path, "-o", mountPoint.Path, "-p", "faces", "--quiet");
            Assert.True(refused.ExitCode == 1, refused.ToString());
            Assert.Contains("results.jsonl: no space left on the device: the run stopped after 0 of 12 images", refused.Stderr);
            Assert.False(File.Exists(Path.Combine(mountPoint.Path, "results.jsonl")), "a stopped run must not leave a final results.jsonl");
            return;
        }
        try
        {
            var output = Path.Combine(mountPoint.Path, "out");
            var full = VisionProcess.Run("run", "-i", input.Path, "-o", output, "-p", "faces", "--quiet");
            Assert.True(full.ExitCode == 1, "a run stopped by a full disk must exit 1\n" + full);
            var errorLines = full.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("libpng")).ToArray();
            var line = Assert.Single(errorLines);
            Assert.Matches(@"^vision: .*: no space left on the device: the run stopped after \d+ of 12 images; what it wrote is whole, so make room and run again with --resume$", line);
            Assert.False(File.Exists(Path.Combine(output, "results.jsonl")), "results.jsonl takes its final name only when the run completes");
            AssertNoTemporaryFiles(output);

            SmallTmpfs.Resize(mountPoint.Path, "64m");
            var resumed = VisionProcess.Run("run", "-i", input.Path, "-o", output, "-p", "faces", "--quiet", "--resume");
            Assert.True(resumed.ExitCode == 0, resumed.ToString());
            Assert.Equal(File.ReadAllBytes(Path.Combine(clean.Path, "results.jsonl")), File.ReadAllBytes(Path.Combine(output, "results.jsonl")));
            foreach (var photo in Directory.GetFiles(Path.Combine(clean.Path, "annotated")))
                Assert.True(File.Exists(Path.Combine(output, "annotated", Path.GetFileName(photo))), $"annotated/{Path.GetFileName(photo)} missing after --resume");
        }
        finally
        {
            SmallTmpfs.Unmount(mountPoint.Path);
        }
    }

    [Fact]
    public void A_full_disk_stops_augmentation_and_conversion_with_one_line_and_nothing_half_written()
    {
        using var data = new TempDirectory();
        for (int i = 0; i < 16; i++)
        {
            Directory.CreateDirectory(data.File($"photos/class{i % 2}"));
            File.Copy(RepoPaths.Sample(Photos[i % Photos.Length]), data.File($"photos/class{i % 2}/img{i:D2}.jpg"));
        }
        using var mountPoint = new TempDirectory();
        if (!SmallTmpfs.TryMount(mountPoint.Path, "300k")) return; // no tmpfs here: the run test's /dev/full case stands for a full disk
        try
        {
            foreach (var command in new[]
            {
                new[] { "augment", "--input", data.File("photos"), "--output", Path.Combine(mountPoint.Path, "out"), "--copies", "3", "--quiet" },
                new[] { "dataset", "convert", "--input", data.File("photos"), "--output", Path.Combine(mountPoint.Path, "out"), "--to", "imagefolder" },
            })
            {
                var result = VisionProcess.Run(command);
                Assert.True(result.ExitCode == 1, $"vision {command[0]} on a full disk must exit 1\n{result}");
                Assert.Contains("no space left on the device", result.Stderr);
                AssertNoTemporaryFiles(mountPoint.Path);
                foreach (var image in Directory.GetFiles(mountPoint.Path, "*.jpg", SearchOption.AllDirectories))
                    using (var decoded = OpenCvSharp.Cv2.ImRead(image))
                        Assert.False(decoded.Empty(), $"{image} was left half-written by vision {command[0]}");
                Directory.Delete(Path.Combine(mountPoint.Path, "out"), recursive: true);
            }
        }
        finally
        {
            SmallTmpfs.Unmount(mountPoint.Path);
        }
    }

    [Fact]
    public void An_output_folder_that_cannot_be_written_is_refused_before_any_image_with_exit_2()
    {
        using var input = Images(2);
        using var parent = new TempDirectory();
        var output = parent.File("locked");
        Directory.CreateDirectory(output);
        File.SetUnixFileMode(output, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
                                     UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        MakeReadableByAll(input.Path);

        var result = VisionProcess.RunAsOtherUser("run", "-i", input.Path, "-o", output, "-p", "faces", "--quiet");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"vision: {output}: cannot write to the output folder: ", result.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(output));
    }

    [Fact]
    public void An_image_that_cannot_be_read_gets_an_error_row_and_the_others_are_processed()
    {
        using var input = Images(3);
        using var output = new TempDirectory();
        File.SetUnixFileMode(input.File("img01.jpg"), UnixFileMode.None);
        MakeReadableByAll(input.Path, except: input.File("img01.jpg"));
        File.SetUnixFileMode(output.Path, (UnixFileMode)0b111_111_111);

        var result = VisionProcess.RunAsOtherUser("run", "-i", input.Path, "-o", output.Path, "-p", "faces", "--quiet");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("error: img01.jpg: cannot read the file: permission denied", result.Stderr);
        var rows = File.ReadAllLines(Path.Combine(output.Path, "results.jsonl")).Select(ResultJson.Deserialize).ToArray();
        Assert.Equal(["img00.jpg", "img01.jpg", "img02.jpg"], rows.Select(r => r.Image));
        Assert.Equal([null, "img01.jpg: cannot read the file: permission denied", null], rows.Select(r => r.Error));
    }

    [Fact]
    public void A_file_name_that_is_not_UTF8_gets_an_error_row_that_says_how_to_rename_it()
    {
        using var input = Images(1);
        using var output = new TempDirectory();
        // "café.jpg" as Latin-1 bytes: the é is the single byte 0xE9, not valid UTF-8. .NET has no API that takes a
        // file name as bytes, so the file is made by the shell.
        var made = Process.Start(new ProcessStartInfo("sh", ["-c", $"cp '{RepoPaths.Sample("fruits.jpg")}' \"$(printf '{input.Path}/caf\\351.jpg')\""]))!;
        made.WaitForExit();
        Assert.Equal(0, made.ExitCode);

        var result = VisionProcess.Run("run", "-i", input.Path, "-o", output.Path, "-p", "faces", "--quiet");
        Assert.True(result.ExitCode == 1, result.ToString());
        var rows = File.ReadAllLines(Path.Combine(output.Path, "results.jsonl")).Select(ResultJson.Deserialize).ToArray();
        Assert.Equal(2, rows.Length);
        var bad = rows.Single(r => r.Error is not null);
        Assert.Equal("caf\uFFFD.jpg", bad.Image);
        Assert.Equal("caf\uFFFD.jpg: the file name is not valid UTF-8, so it cannot be opened; rename the file (e.g. convmv -f latin1 -t utf8 --notest FILE)", bad.Error);
    }

    [Fact]
    public void Images_with_names_of_the_longest_length_allowed_and_deep_folders_are_processed_and_written()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        var longName = new string('a', 251) + ".jpg";          // 255 bytes, the most a file name may have
        var accented = new string('é', 125) + ".jpg";          // 254 bytes in UTF-8
        var deep = string.Join('/', Enumerable.Repeat(new string('d', 200), 12)); // a 2,400-character folder path
        Directory.CreateDirectory(input.File(deep));
        File.Copy(RepoPaths.Sample("messi5.jpg"), input.File(longName));
        File.Copy(RepoPaths.Sample("fruits.jpg"), input.File(accented));
        File.Copy(RepoPaths.Sample("orange.jpg"), input.File($"{deep}/{longName}"));

        var result = VisionProcess.Run("run", "-i", input.Path, "-o", output.Path, "-p", "faces", "--quiet");
        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = File.ReadAllLines(Path.Combine(output.Path, "results.jsonl")).Select(ResultJson.Deserialize).ToArray();
        Assert.All(rows, r => Assert.Null(r.Error));
        Assert.Equal(3, rows.Length);
        foreach (var name in new[] { longName, accented, $"{deep}/{longName}" })
            Assert.True(File.Exists(Path.Combine(output.Path, "annotated", name)), $"annotated/{name[..20]}… was not written");
        AssertNoTemporaryFiles(output.Path);
    }

    [Fact]
    public void An_output_name_longer_than_a_file_system_allows_fails_that_image_naming_the_length()
    {
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        File.Copy(RepoPaths.Sample("messi5.jpg"), input.File(new string('a', 251) + ".jpg"));
        File.Copy(RepoPaths.Sample("fruits.jpg"), input.File("short.jpg"));
        // The people pipeline writes masks as IMAGE.NODE.png: 255 + ".person.png" bytes cannot be a name.
        var result = VisionProcess.Run("run", "-i", input.Path, "-o", output.Path, "-p", "people", "--quiet");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(@"error: a{251}\.jpg: .*: cannot write the file: its name is \d+ bytes long, more than the 255 a file system allows", result.Stderr);
        var rows = File.ReadAllLines(Path.Combine(output.Path, "results.jsonl")).Select(ResultJson.Deserialize).ToArray();
        Assert.Null(rows.Single(r => r.Image == "short.jpg").Error);
        AssertNoTemporaryFiles(output.Path);
    }

    private static void AssertNoTemporaryFiles(string folder)
    {
        var left = Directory.GetFiles(folder, "*.tmp*", SearchOption.AllDirectories);
        Assert.True(left.Length == 0, "temporary files left behind: " + string.Join(", ", left));
    }

    /// <summary>Makes the test's folders (created by the test's user, mode 700 for temp folders of root) enterable and readable by another user.</summary>
    private static void MakeReadableByAll(string folder, string? except = null)
    {
        for (var d = folder; d is not null && d != Path.GetTempPath().TrimEnd('/'); d = Path.GetDirectoryName(d))
            File.SetUnixFileMode(d, File.GetUnixFileMode(d) | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            if (file != except) File.SetUnixFileMode(file, File.GetUnixFileMode(file) | UnixFileMode.OtherRead);
    }
}

/// <summary>A small tmpfs, for a disk that fills up; mounting needs root (or CAP_SYS_ADMIN).</summary>
internal static class SmallTmpfs
{
    public static bool TryMount(string path, string size) => Mount("-t", "tmpfs", "-o", $"size={size}", "tmpfs", path) == 0;

    public static void Resize(string path, string size) => Assert.Equal(0, Mount("-o", $"remount,size={size}", path));

    public static void Unmount(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("umount", [path]) { RedirectStandardError = true })!;
        process.WaitForExit();
    }

    private static int Mount(params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("mount", args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1; // no mount program
        }
    }
}
