using System.Globalization;

namespace VisionPipeline.Graph.Definition.Decoding;

/// <summary>The decoders the `model` node knows, by name, in the order they are listed.</summary>
public static class DecoderKinds
{
    public static BlazeFaceKind BlazeFace { get; } = new();
    public static DbTextKind DbText { get; } = new();
    public static ProbabilityMaskKind ProbabilityMask { get; } = new();
    public static TextDirectionKind TextDirection { get; } = new();
    public static CtcKind Ctc { get; } = new();
    public static EmbeddingKind Embedding { get; } = new();
    public static YoloKind Yolo { get; } = new();
    public static SsdKind Ssd { get; } = new();
    public static TorchvisionKind Torchvision { get; } = new();
    public static ClassifyKind Classify { get; } = new();
    public static YoloSegKind YoloSeg { get; } = new();
    public static SemanticKind Semantic { get; } = new();
    public static MediaPipeSsdKind MediaPipeSsd { get; } = new();
    public static LandmarksKind Landmarks { get; } = new();
    public static YoloPoseKind YoloPose { get; } = new();
    public static YoloObbKind YoloObb { get; } = new();

    public static IReadOnlyList<DecoderKind> All { get; } =
        [BlazeFace, DbText, ProbabilityMask, TextDirection, Ctc, Embedding, Yolo, Ssd, Torchvision, Classify, YoloSeg, Semantic, MediaPipeSsd, Landmarks, YoloPose, YoloObb];

    private static readonly Dictionary<string, DecoderKind> ByName = All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public static IReadOnlyList<string> Names { get; } = All.Select(d => d.Name).ToList();

    /// <summary>The decoder of that name, or null.</summary>
    public static DecoderKind? Find(string? name) => name is not null && ByName.TryGetValue(name, out var d) ? d : null;

    /// <summary>
    /// Every decoder parameter once, in the order the decoders declare them; a parameter several decoders take shows
    /// the default most of them have and the others' own ("0.5; yolo, yolo-seg 0.25").
    /// </summary>
    public static IReadOnlyList<ParamSpec> Params { get; } = Union();

    private static List<ParamSpec> Union()
    {
        var union = new List<ParamSpec>();
        foreach (var group in All.SelectMany(d => d.Params.Select(p => (Decoder: d.Name, Spec: p))).GroupBy(x => x.Spec.Name))
        {
            var first = group.First().Spec;
            if (group.Any(x => !SameDeclaration(x.Spec, first)))
                throw new InvalidOperationException($"decoders declare parameter '{group.Key}' differently");
            var byDefault = group.GroupBy(x => Text(x.Spec.Default)).OrderByDescending(g => g.Count()).ToList();
            object? shown = byDefault.Count == 1 ? first.Default
                : string.Join("; ", byDefault.Select((g, i) => i == 0 ? g.Key : $"{string.Join(", ", g.Select(x => x.Decoder))} {g.Key}"));
            union.Add(first with { Default = shown });
        }
        return union;
    }

    private static bool SameDeclaration(ParamSpec a, ParamSpec b) =>
        a.Kind == b.Kind && a.Description == b.Description && a.Min == b.Min && a.Max == b.Max && a.Length == b.Length &&
        (a.Choices ?? []).SequenceEqual(b.Choices ?? []);

    private static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
