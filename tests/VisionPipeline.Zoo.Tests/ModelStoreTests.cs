using VisionPipeline.Core.Errors;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Zoo.Tests;

public class ModelStoreTests
{
    /// <summary>The real model zoo in models/ (fetched by scripts/setup.sh).</summary>
    private static readonly ModelStore RealZoo = new(RepoPaths.Models);

    private static ModelStore CopyOfZoo(TempDirectory temp, params string[] ids)
    {
        File.Copy(Path.Combine(RepoPaths.Models, ModelStore.ManifestFileName), temp.File(ModelStore.ManifestFileName));
        var store = new ModelStore(temp.Path);
        foreach (var id in ids)
        {
            var entry = store.Manifest.Get(id);
            Directory.CreateDirectory(Path.GetDirectoryName(store.PathOf(entry))!);
            File.Copy(RealZoo.Resolve(id), store.PathOf(entry));
        }
        return store;
    }

    [Fact]
    public void A_model_with_one_byte_changed_is_refused_by_its_checksum()
    {
        using var temp = new TempDirectory();
        var store = CopyOfZoo(temp, "blazeface-short");
        var entry = store.Manifest.Get("blazeface-short");
        using (var stream = new FileStream(store.PathOf(entry), FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = 1000;
            int b = stream.ReadByte();
            stream.Position = 1000;
            stream.WriteByte((byte)(b ^ 0x01));
        }

        Assert.Equal(ModelFileStatus.ChecksumMismatch, store.StatusOf(entry));
        var e = Assert.Throws<ConfigurationException>(() => store.Resolve("blazeface-short"));
        Assert.Contains("SHA-256 mismatch", e.Message);
        Assert.Contains("blazeface-short", e.Message);
        Assert.Contains(entry.Sha256, e.Message);
        Assert.Contains("vision models pull blazeface-short", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_missing_model_says_how_to_fetch_it()
    {
        using var temp = new TempDirectory();
        var store = CopyOfZoo(temp);
        Assert.Equal(ModelFileStatus.Missing, store.StatusOf(store.Manifest.Get("ppocr-det")));
        var e = Assert.Throws<ConfigurationException>(() => store.Resolve("ppocr-det"));
        Assert.Contains("not downloaded", e.Message);
        Assert.Contains("vision models pull ppocr-det", e.Message);
    }

    [Fact]
    public void An_unknown_id_suggests_the_nearest_one()
    {
        var e = Assert.Throws<ConfigurationException>(() => RealZoo.Manifest.Get("blazeface-ful"));
        Assert.Contains("did you mean 'blazeface-full'", e.Message);
    }

    [Fact]
    public void A_model_entry_that_breaks_a_rule_is_reported_at_the_offending_value()
    {
        using var temp = new TempDirectory();
        var text = File.ReadAllText(Path.Combine(RepoPaths.Models, ModelStore.ManifestFileName));
        var value = text.IndexOf("\"sha256\": \"", StringComparison.Ordinal) + "\"sha256\": ".Length;
        Assert.True(value > 10, "the real manifest has a sha256");
        var end = text.IndexOf('"', value + 1);
        File.WriteAllText(temp.File(ModelStore.ManifestFileName), text[..value] + "\"not-a-digest\"" + text[(end + 1)..]);
        var line = text[..value].Count(c => c == '\n') + 1;
        var column = value - text.LastIndexOf('\n', value - 1);

        var e = Assert.Throws<ConfigurationException>(() => new ModelStore(temp.Path));

        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(temp.File(ModelStore.ManifestFileName))}:{line}:{column}: model '[^']+': sha256 must be 64 hexadecimal digits$", e.Message);
    }

    [Fact]
    public void A_malformed_manifest_is_reported_with_its_file_line_and_column()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("zoo.json"), "{\n  \"packages\": [],\n  \"models\": [ { \"id\": 3 } ]\n}");
        var e = Assert.Throws<ConfigurationException>(() => new ModelStore(temp.Path));
        Assert.StartsWith($"{temp.File("zoo.json")}:3:23: malformed model manifest: ", e.Message); // the value that is no string
    }

    [Fact]
    public void Every_zoo_file_is_present_and_verified()
    {
        foreach (var entry in RealZoo.Manifest.Models)
            Assert.True(RealZoo.StatusOf(entry) == ModelFileStatus.Present,
                $"{entry.Id} is {RealZoo.StatusOf(entry)}; run ./scripts/setup.sh");
    }
}
