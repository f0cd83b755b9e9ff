using System.Collections.Concurrent;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Zoo;

public enum ModelFileStatus { Present, Missing, ChecksumMismatch }

/// <summary>
/// The zoo on disk: the committed manifest (models/zoo.json) and the fetched files under models/files/ID/.
/// Every file is checked against its SHA-256 before it is used.
/// </summary>
public sealed class ModelStore
{
    public const string ManifestFileName = "zoo.json";
    public const string EnvironmentVariable = "VISION_MODELS";

    private readonly ConcurrentDictionary<string, (long Length, DateTime Written)> _verified = new();

    public ModelStore(string directory)
    {
        Directory = Path.GetFullPath(directory);
        ManifestPath = Path.Combine(Directory, ManifestFileName);
        if (!File.Exists(ManifestPath))
            throw new ConfigurationException(ManifestPath, "model manifest not found");
        Manifest = ZooManifest.Load(ManifestPath);
    }

    public string Directory { get; }
    public string ManifestPath { get; }
    public string FilesDirectory => Path.Combine(Directory, "files");
    public ZooManifest Manifest { get; }

    /// <summary>
    /// The models directory: the one given, else $VISION_MODELS, else the first models/zoo.json found
    /// walking up from the working directory, then from the program's own directory.
    /// </summary>
    public static ModelStore Locate(string? explicitDirectory = null)
    {
        if (!string.IsNullOrEmpty(explicitDirectory)) return new ModelStore(explicitDirectory);
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnv)) return new ModelStore(fromEnv);
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "models", ManifestFileName)))
                    return new ModelStore(Path.Combine(dir.FullName, "models"));
            }
        }
        throw new ConfigurationException(null,
            $"cannot find models/{ManifestFileName}; run from the project folder, or pass --models DIR or set {EnvironmentVariable}");
    }

    public string PathOf(ZooEntry entry) => Path.Combine(FilesDirectory, entry.Id, entry.File);

    public ModelFileStatus StatusOf(ZooEntry entry)
    {
        var path = PathOf(entry);
        if (!File.Exists(path)) return ModelFileStatus.Missing;
        return IsVerified(entry, path) ? ModelFileStatus.Present : ModelFileStatus.ChecksumMismatch;
    }

    /// <summary>The verified path of a model or asset file; throws a one-line error when it is missing or altered.</summary>
    public string Resolve(string id) => Resolve(Manifest.Get(id));

    public string Resolve(ZooEntry entry)
    {
        var path = PathOf(entry);
        if (!File.Exists(path))
            throw new ConfigurationException(path, $"model '{entry.Id}' is not downloaded; run `vision models pull {entry.Id}`");
        if (!IsVerified(entry, path))
            throw new ConfigurationException(path,
                $"SHA-256 mismatch for model '{entry.Id}' (expected {entry.Sha256}, got {Checksums.Sha256Hex(path)}); " +
                $"the file is damaged or was replaced: run `vision models pull {entry.Id}` to fetch it again");
        return path;
    }

    private bool IsVerified(ZooEntry entry, string path)
    {
        var info = new FileInfo(path);
        var stamp = (info.Length, info.LastWriteTimeUtc);
        if (_verified.TryGetValue(path, out var known) && known == stamp) return true;
        if (entry.Bytes > 0 && info.Length != entry.Bytes) return false;
        if (!string.Equals(Checksums.Sha256Hex(path), entry.Sha256, StringComparison.OrdinalIgnoreCase)) return false;
        _verified[path] = stamp;
        return true;
    }
}
