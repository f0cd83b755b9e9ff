using System.Numerics.Tensors;

namespace VisionPipeline.Decoders.Embeddings;

/// <summary>Turns a pooled feature tensor ([1, D, 1, 1] or [1, D]) into a vector.</summary>
public static class EmbeddingDecoder
{
    public static float[] ToVector(ReadOnlySpan<float> features, bool l2Normalize = false)
    {
        var vector = features.ToArray();
        if (l2Normalize)
        {
            float norm = TensorPrimitives.Norm(vector);
            if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
        }
        return vector;
    }

    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.CosineSimilarity(a, b);
}
