using System.Text.Json;
using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms;

/// <summary>
/// One augmentation: <see cref="SampleParams"/> draws its parameters once per call, <see cref="Apply"/> applies them
/// to the image and every target. Transforms hold no per-call state, so one instance serves every thread.
/// </summary>
public abstract class Transform : TransformNode
{
    /// <summary>The recipe name, e.g. <c>horizontal_flip</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Position among the recipe's transforms (depth first), set when an <see cref="Augmenter"/> is built.</summary>
    public int Index { get; internal set; }

    public abstract Type ParamsType { get; }

    public abstract TransformParams SampleParams(Sample sample, AugmentContext context);

    public abstract void Apply(Sample sample, TransformParams parameters, AugmentContext context);

    public TransformParams ReadParams(JsonElement json) =>
        (TransformParams?)json.Deserialize(ParamsType, RecordJson.Options)
        ?? throw new JsonException($"no parameters for {Name}");

    protected sealed override void RunChosen(Sample sample, AugmentContext context)
    {
        var parameters = SampleParams(sample, context);
        context.Record?.Add(new AppliedStep(Index, Name, parameters));
        Apply(sample, parameters, context);
    }

    public sealed override IEnumerable<Transform> Leaves() => [this];
}

/// <summary>A transform with its own parameter record type.</summary>
public abstract class Transform<TParams> : Transform where TParams : TransformParams
{
    public sealed override Type ParamsType => typeof(TParams);

    public sealed override TransformParams SampleParams(Sample sample, AugmentContext context) => Sample(sample, context);

    public sealed override void Apply(Sample sample, TransformParams parameters, AugmentContext context) =>
        Apply(sample, (TParams)parameters, context);

    protected abstract TParams Sample(Sample sample, AugmentContext context);

    public abstract void Apply(Sample sample, TParams parameters, AugmentContext context);
}
