using System.Text.Json;
using System.Text.Json.Serialization;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Core.Text;

namespace VisionPipeline.Zoo;

/// <summary>models/zoo.json: the packages models come from and one entry per model file.</summary>
public sealed record ZooManifest
{
    public IReadOnlyList<ZooPackage> Packages { get; init; } = [];
    public IReadOnlyList<ZooEntry> Models { get; init; } = [];

    public ZooEntry Get(string id) =>
        Models.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ConfigurationException(null, $"unknown model '{id}'{NameSuggestions.DidYouMean(id, Models.Select(m => m.Id))} (see `vision models list`)");

    public ZooPackage PackageOf(ZooEntry entry) =>
        Packages.First(p => p.Name == entry.Source.Package);

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static ZooManifest Load(string path)
    {
        ZooManifest manifest;
        try
        {
            using var stream = File.OpenRead(path);
            manifest = JsonSerializer.Deserialize<ZooManifest>(stream, JsonOptions)
                ?? throw new ConfigurationException(path, "the manifest is empty");
        }
        catch (JsonException e)
        {
            throw new ConfigurationException(path, JsonLocator.Of(path, e), $"malformed model manifest: {e.Message.Split(" Path:")[0]}", e);
        }
        catch (IOException e)
        {
            throw new ConfigurationException(path, $"cannot read the model manifest: {e.Message}", inner: e);
        }
        manifest.Validate(path);
        return manifest;
    }

    private void Validate(string path)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in Models)
        {
            if (string.IsNullOrWhiteSpace(m.Id) || !ids.Add(m.Id))
                throw Error(path, m, "id", "every model needs a unique id");
            if (m.Sha256.Length != 64 || !m.Sha256.All(Uri.IsHexDigit))
                throw Error(path, m, "sha256", "sha256 must be 64 hexadecimal digits");
            if (Packages.All(p => p.Name != m.Source.Package))
                throw Error(path, m, "source.package", $"source package '{m.Source.Package}' is not listed under packages");
            if (m.Engine is not null and not ("onnxruntime" or "opencv-dnn"))
                throw Error(path, m, "engine", $"engine must be onnxruntime or opencv-dnn, got '{m.Engine}'");
            if (m.Input is { } input && (input.Mean.Length != 3 || input.Std.Length != 3 || input.Std.Any(v => v == 0) || input.Shape.Length != 4))
                throw Error(path, m, "input", "input needs a 4-dimensional shape and 3 mean and 3 non-zero std values");
            if (m.Source.Packed is { } packed && (packed.DataSha256.Length != 64 || !packed.DataSha256.All(Uri.IsHexDigit)))
                throw Error(path, m, "source.packed.data_sha256", "source.packed.data_sha256 must be 64 hexadecimal digits");
            if (m.Detector is { } detector && Models.All(o => !string.Equals(o.Id, detector, StringComparison.OrdinalIgnoreCase) || !o.IsModel))
                throw Error(path, m, "detector", $"detector '{detector}' is not a model of the zoo");
            foreach (var (key, reference) in new[] { ("preprocess_model", m.PreprocessModel), ("labels_file", m.LabelsFile) })
                if (reference is not null && !ids.Contains(reference) && Models.All(o => o.Id != reference))
                    throw Error(path, m, key, $"refers to unknown model '{reference}'");
        }
    }

    /// <summary>An error at a key of a model's entry: the manifest is read again, only now, to find its line and column.</summary>
    private ConfigurationException Error(string path, ZooEntry model, string key, string problem)
    {
        var index = Models.Select((m, i) => (m, i)).First(p => ReferenceEquals(p.m, model)).i;
        return new ConfigurationException(path, JsonLocator.Find(path, $"models[{index}].{key}"), $"model '{model.Id}': {problem}");
    }
}

public sealed record ZooPackage
{
    /// <summary>"npm" or "nuget".</summary>
    public required string Registry { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    public string? ArchiveSha256 { get; init; }

    /// <summary>NuGet's own package hash (SHA-512, base64), as in the .nupkg.sha512 file.</summary>
    public string? ArchiveSha512 { get; init; }
    public string? License { get; init; }

    public override string ToString() => Registry == "npm" ? $"{Name}@{Version}" : $"{Name} {Version}";
}

public sealed record ZooEntry
{
    public required string Id { get; init; }
    public required string Task { get; init; }
    public string? Description { get; init; }

    /// <summary>"onnxruntime" or "opencv-dnn"; absent for non-model assets such as dictionaries.</summary>
    public string? Engine { get; init; }
    public required string File { get; init; }
    public required ZooSource Source { get; init; }
    public required string Sha256 { get; init; }
    public long Bytes { get; init; }
    public string? License { get; init; }
    public ZooInput? Input { get; init; }
    public IReadOnlyList<ZooTensor> Outputs { get; init; } = [];
    public string? Decoder { get; init; }
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Id of a zoo entry holding the label list, one label per line.</summary>
    public string? LabelsFile { get; init; }

    /// <summary>Id of a model whose output is this model's input.</summary>
    public string? PreprocessModel { get; init; }

    /// <summary>For a cascade's second stage: the zoo detector whose detections give the crops this model runs on.</summary>
    public string? Detector { get; init; }

    public bool IsModel => Engine is not null;
}

public sealed record ZooSource
{
    public required string Package { get; init; }

    /// <summary>Path of the file inside the package archive, or its name in the packed-assets list when <see cref="Packed"/> is set.</summary>
    public required string Path { get; init; }

    /// <summary>Set when the file lies inside a packed-assets archive of the package rather than in the package itself.</summary>
    public ZooPacked? Packed { get; init; }
}

/// <summary>An Emscripten packed-assets archive inside a package: the archive, the loader script listing its files, the archive's SHA-256.</summary>
public sealed record ZooPacked
{
    /// <summary>Path of the `*_packed_assets.data` archive inside the package.</summary>
    public required string Data { get; init; }

    /// <summary>Path of the `*_packed_assets_loader.js` script listing each file's byte range.</summary>
    public required string Loader { get; init; }

    public required string DataSha256 { get; init; }
}

public sealed record ZooTensor
{
    public required string Name { get; init; }
    public long[] Shape { get; init; } = [];
}

public sealed record ZooInput
{
    public required string Name { get; init; }
    public long[] Shape { get; init; } = [];
    public TensorLayout Layout { get; init; } = TensorLayout.Nchw;
    public ColorOrder Colors { get; init; } = ColorOrder.Bgr;
    public ResizeMode Resize { get; init; } = ResizeMode.Stretch;
    public float Scale { get; init; } = 1f;
    public float[] Mean { get; init; } = [0, 0, 0];
    public float[] Std { get; init; } = [1, 1, 1];

    /// <summary>The preprocessing spec; dynamic sides (-1) come out as 0 and are chosen per image.</summary>
    public TensorSpec ToTensorSpec()
    {
        int h = 0, w = 0;
        if (Shape.Length == 4)
        {
            (h, w) = Layout == TensorLayout.Nchw ? ((int)Shape[2], (int)Shape[3]) : ((int)Shape[1], (int)Shape[2]);
        }
        return new TensorSpec
        {
            Name = Name, Width = Math.Max(w, 0), Height = Math.Max(h, 0), Layout = Layout, Colors = Colors,
            Resize = Resize, Scale = Scale, Mean = Mean, Std = Std,
        };
    }
}
