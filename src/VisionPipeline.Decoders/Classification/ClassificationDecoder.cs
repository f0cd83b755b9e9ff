using System.Numerics.Tensors;

namespace VisionPipeline.Decoders.Classification;

public enum ClassActivation
{
    /// <summary>Softmax unless the row already is a probability distribution (values in [0,1] summing to 1).</summary>
    Auto,
    Softmax,
    /// <summary>Multi-label: an independent sigmoid per class.</summary>
    Sigmoid,
    /// <summary>The values are probabilities already.</summary>
    None,
}

/// <summary>Class scores of one image: [C] logits or probabilities → the top-k (class, probability), best first.</summary>
public static class ClassificationDecoder
{
    public static List<(int ClassId, float Score)> Decode(ReadOnlySpan<float> row, ClassActivation activation = ClassActivation.Auto,
        int topK = 5, float minScore = 0f)
    {
        var probabilities = new float[row.Length];
        switch (activation == ClassActivation.Auto ? (IsDistribution(row) ? ClassActivation.None : ClassActivation.Softmax) : activation)
        {
            case ClassActivation.Softmax: TensorPrimitives.SoftMax(row, probabilities); break;
            case ClassActivation.Sigmoid: TensorPrimitives.Sigmoid(row, probabilities); break;
            default: row.CopyTo(probabilities); break;
        }
        var order = Enumerable.Range(0, probabilities.Length).ToArray();
        Array.Sort(order, (a, b) => probabilities[b].CompareTo(probabilities[a]) is var c && c != 0 ? c : a.CompareTo(b));
        return order.Take(topK > 0 ? topK : order.Length).Where(i => probabilities[i] >= minScore).Select(i => (i, probabilities[i])).ToList();
    }

    public static bool IsDistribution(ReadOnlySpan<float> row)
    {
        if (row.Length == 0) return false;
        float sum = 0;
        foreach (var v in row)
        {
            if (v < 0 || v > 1) return false;
            sum += v;
        }
        return Math.Abs(sum - 1) < 1e-3;
    }
}
