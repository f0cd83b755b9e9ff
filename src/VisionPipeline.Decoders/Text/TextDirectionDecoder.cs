namespace VisionPipeline.Decoders.Text;

/// <summary>PP-OCR direction classifier output [2]: P(upright), P(upside down).</summary>
public static class TextDirectionDecoder
{
    /// <summary>True when the line is upside down with probability above <paramref name="threshold"/> (PaddleOCR: 0.9).</summary>
    public static bool IsUpsideDown(ReadOnlySpan<float> probabilities, float threshold = 0.9f) =>
        probabilities.Length == 2 && probabilities[1] > probabilities[0] && probabilities[1] > threshold;
}
