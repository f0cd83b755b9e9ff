using System.Text.Json;
using VisionPipeline.Augmentation.Composition;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Transforms;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation;

/// <summary>
/// A composed augmentation with its target rules. <see cref="Augment"/> seeds one random source per
/// (seed, sample index, copy index), so the bytes written do not depend on the thread count or the order samples
/// run in; the returned record replays the call exactly through <see cref="Replay"/>.
/// </summary>
public sealed class Augmenter
{
    private readonly Transform[] _leaves;

    public Augmenter(TransformNode root, TargetRules? rules = null)
    {
        Root = root;
        Rules = rules ?? TargetRules.Default;
        _leaves = root.Leaves().ToArray();
        for (int i = 0; i < _leaves.Length; i++) _leaves[i].Index = i;
    }

    public Augmenter(IReadOnlyList<TransformNode> transforms, TargetRules? rules = null) : this(new Sequence(transforms), rules) { }

    public TransformNode Root { get; }
    public TargetRules Rules { get; }
    public IReadOnlyList<Transform> Transforms => _leaves;

    /// <summary>Augments <paramref name="sample"/> in place and returns what was applied.</summary>
    public IReadOnlyList<AppliedStep> Augment(Sample sample, ulong seed, long sampleIndex, int copy, ISampleSource? extraSamples = null)
    {
        var context = new AugmentContext(new AugmentRandom(SeedFor(seed, sampleIndex, copy)), Rules, extraSamples) { Record = [] };
        Root.Run(sample, context);
        return context.Record!;
    }

    /// <summary>Applies recorded steps again, without sampling anything.</summary>
    public void Replay(Sample sample, IEnumerable<AppliedStep> steps, ISampleSource? extraSamples = null)
    {
        var context = new AugmentContext(new AugmentRandom(0), Rules, extraSamples);
        foreach (var step in steps)
        {
            if (step.Transform < 0 || step.Transform >= _leaves.Length || _leaves[step.Transform].Name != step.Name)
                throw new ArgumentException($"step {step.Transform} '{step.Name}' does not belong to this recipe");
            _leaves[step.Transform].Apply(sample, step.Params, context);
        }
    }

    /// <summary>The record as JSON: [{"transform": 3, "name": "rotate", "params": {...}}, ...].</summary>
    public static string ToJson(IEnumerable<AppliedStep> steps) => JsonSerializer.Serialize(
        steps.Select(s => new { transform = s.Transform, name = s.Name, @params = (object)s.Params }), RecordJson.Options);

    /// <summary>Reads a record written by <see cref="ToJson"/> back for this recipe.</summary>
    public IReadOnlyList<AppliedStep> ReadRecord(string json)
    {
        using var document = JsonDocument.Parse(json);
        var steps = new List<AppliedStep>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            int index = item.GetProperty("transform").GetInt32();
            if (index < 0 || index >= _leaves.Length) throw new JsonException($"transform {index} is not in this recipe");
            var leaf = _leaves[index];
            steps.Add(new AppliedStep(index, leaf.Name, leaf.ReadParams(item.GetProperty("params"))));
        }
        return steps;
    }

    /// <summary>SplitMix64 of the three numbers.</summary>
    public static ulong SeedFor(ulong seed, long sampleIndex, int copy) => Mix(Mix(Mix(seed) ^ (ulong)sampleIndex) ^ (ulong)copy);

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
