namespace VisionPipeline.Training.Export;

/// <summary>Bagging inside one graph: K members read the same input and their outputs are averaged element-wise.</summary>
public static class EnsembleExport
{
    /// <summary>
    /// Each member's export on <paramref name="input"/>, passed through <paramref name="each"/> (e.g. a softmax or a
    /// decoding step; none when null), then averaged (ONNX Mean); one member is its own output.
    /// </summary>
    public static string Average(OnnxExport onnx, string input, IEnumerable<IOnnxExportable> members, Func<string, string>? each = null) =>
        onnx.Mean(members.Select(member => member.Export(onnx, input)).Select(output => each is null ? output : each(output)).ToList());

    /// <summary>The mean of the members' softmax over <paramref name="axis"/> (probabilities, argmax-equivalent to voting by confidence).</summary>
    public static string AverageProbabilities(OnnxExport onnx, string input, IEnumerable<IOnnxExportable> members, long axis = 1) =>
        Average(onnx, input, members, logits => onnx.Softmax(logits, axis));
}
