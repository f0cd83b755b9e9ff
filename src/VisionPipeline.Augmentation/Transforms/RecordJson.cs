using System.Text.Json;

namespace VisionPipeline.Augmentation.Transforms;

/// <summary>JSON settings for recorded parameters: snake_case keys, like recipes.</summary>
public static class RecordJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        IncludeFields = false,
    };
}
