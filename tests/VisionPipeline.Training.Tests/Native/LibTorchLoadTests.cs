using VisionPipeline.Build;
using VisionPipeline.Training.Native;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Native;

public sealed class LibTorchLoadTests
{
    private const string Need = "GLIBCXX_3.4.32";

    private static string GlueLibrary => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    [Fact]
    public void Libtorch_loads_and_computes_in_the_build_output()
    {
        LibTorch.EnsureLoaded();
        using var a = tensor(new float[] { 1, 2, 3 });
        using var b = (a * a).sum();
        Assert.Equal(14f, b.item<float>());
        Assert.StartsWith("2.10", LibTorch.Version);
    }

    [Fact]
    public void The_build_marks_the_glue_librarys_unused_libstdcxx_need_weak_only_where_the_system_lacks_it()
    {
        if (!OperatingSystem.IsLinux()) return;
        bool systemHasIt = ElfVersionNeeds.SystemLibStdCxxHas(Need, "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib");
        var weak = ElfVersionNeeds.IsWeak(GlueLibrary, Need);
        Assert.True(weak is not null, $"{GlueLibrary} no longer needs {Need}: the build step may be unnecessary now");
        Assert.True(weak == !systemHasIt,
            $"{GlueLibrary}: need {Need} weak={weak} while the system's libstdc++ {(systemHasIt ? "has" : "lacks")} it");
    }

    [Fact]
    public void Marking_the_need_weak_changes_only_its_flag_and_is_idempotent()
    {
        if (!OperatingSystem.IsLinux()) return;
        var original = Path.Combine(NuGetCache(), "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(original), $"TorchSharp's package is not where NuGet keeps it: {original}");
        var copy = Path.Combine(Path.GetTempPath(), $"vision-elf-{Guid.NewGuid():N}.so");
        try
        {
            File.Copy(original, copy);
            var before = File.ReadAllBytes(copy);
            Assert.False(ElfVersionNeeds.IsWeak(copy, Need), "the package's own library already marks the need weak");
            Assert.True(ElfVersionNeeds.MarkWeak(copy, Need), "the first marking should change the file");
            Assert.False(ElfVersionNeeds.MarkWeak(copy, Need), "a second marking should change nothing");
            Assert.True(ElfVersionNeeds.IsWeak(copy, Need));
            var after = File.ReadAllBytes(copy);
            Assert.Equal(before.Length, after.Length);
            var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
            Assert.True(changed.Count == 1, $"expected one changed byte (the flags), found {changed.Count}");
            Assert.Equal(before[changed[0]] | 2, after[changed[0]]);
            Assert.False(ElfVersionNeeds.MarkWeak(copy, "GLIBCXX_9.9.99"), "a version the library does not need should change nothing");
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static string NuGetCache() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
