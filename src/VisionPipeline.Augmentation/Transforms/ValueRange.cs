namespace VisionPipeline.Augmentation.Transforms;

/// <summary>An interval a parameter is sampled from; Low = High for a fixed value.</summary>
public readonly record struct ValueRange(double Low, double High)
{
    public static ValueRange Fixed(double value) => new(value, value);

    /// <summary>[−limit, +limit].</summary>
    public static ValueRange Symmetric(double limit) => new(-Math.Abs(limit), Math.Abs(limit));

    public override string ToString() => Low == High ? $"{Low}" : $"[{Low}, {High}]";
}
