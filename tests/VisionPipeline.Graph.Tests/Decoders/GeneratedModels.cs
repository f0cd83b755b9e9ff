using VisionPipeline.Inference.Onnx;
using DataType = VisionPipeline.Inference.Onnx.Proto.TensorProto.Types.DataType;

namespace VisionPipeline.Graph.Tests.Decoders;

/// <summary>
/// Generated ONNX fixtures (no YOLO, SSD or torchvision weights can be downloaded here): each model averages its
/// input's channels (GlobalAveragePool) and passes the three means through a Gemm with chosen weights, so every
/// output is a known function of the input: a chosen constant, plus a shift proportional to the image's mean red
/// value where a test asks for one (so that the items of a batch differ).
/// </summary>
public static class GeneratedModels
{
    /// <summary>[N,3,S,S] → Gemm output [N, values.Length] = values + shift · mean(channel 0) at <paramref name="shiftAt"/>.</summary>
    private static string MeansGemm(OnnxModelBuilder b, string input, float[] values, (int Index, float Shift)[]? shifts)
    {
        var means = b.Reshape(b.GlobalAveragePool(input), [-1, 3]);
        var weights = new float[3 * values.Length];
        foreach (var (index, shift) in shifts ?? []) weights[index] = shift; // row 0 = channel 0
        return b.Gemm(means, b.Constant(weights, 3, values.Length), b.Constant(values, 1, values.Length));
    }

    public static byte[] Yolo(string layout, int size, float[] raw, long[] outputShape, (int Index, float Shift)[]? shifts = null,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var b = new OnnxModelBuilder("yolo-" + layout);
        var x = b.Input("images", -1, 3, size, size);
        if (layout == "v8" && outputShape.Length == 3 && outputShape[1] > 4)
        {
            // As YOLOv8 heads do: box rows and class rows made separately, then concatenated on the channel axis.
            int anchors = (int)outputShape[2], boxValues = 4 * anchors;
            var boxes = b.Reshape(MeansGemm(b, x, raw[..boxValues], shifts), [-1, 4, anchors]);
            var classes = b.Reshape(MeansGemm(b, x, raw[boxValues..], null), [-1, outputShape[1] - 4, anchors]);
            b.Concat(1, "output0", boxes, classes);
        }
        else if (layout == "v5")
        {
            // Rows [N, A, 5+C] produced channels-first and transposed, as exported YOLOv5 graphs end.
            int anchors = (int)outputShape[1], values = (int)outputShape[2];
            var channelsFirst = new float[raw.Length];
            for (int a = 0; a < anchors; a++) for (int v = 0; v < values; v++) channelsFirst[v * anchors + a] = raw[a * values + v];
            var shifted = (shifts ?? []).Select(s => (s.Index % values * anchors + s.Index / values, s.Shift)).ToArray();
            b.Transpose(b.Reshape(MeansGemm(b, x, channelsFirst, shifted), [-1, values, anchors]), [0, 2, 1], "output0");
        }
        else
        {
            b.Reshape(MeansGemm(b, x, raw, shifts), outputShape, "output0");
        }
        b.Output("output0", DataType.Float, outputShape);
        foreach (var (k, v) in metadata ?? new Dictionary<string, string>()) b.Metadata(k, v);
        return b.ToBytes();
    }

    public static byte[] Ssd(int size, float[] boxes, float[] scores, int anchors, int classes)
    {
        var b = new OnnxModelBuilder("ssd");
        var x = b.Input("images", -1, 3, size, size);
        b.Reshape(MeansGemm(b, x, boxes, null), [-1, anchors, 4], "boxes");
        b.Reshape(MeansGemm(b, x, scores, null), [-1, anchors, classes], "scores");
        b.Output("boxes");
        b.Output("scores");
        return b.ToBytes();
    }

    public static byte[] Torchvision(int size, float[] boxes, long[] labels, float[] scores)
    {
        var b = new OnnxModelBuilder("torchvision");
        var x = b.Input("images", 1, 3, size, size);
        int k = scores.Length;
        b.Reshape(MeansGemm(b, x, boxes, null), [k, 4], "boxes");
        b.Cast(b.Reshape(MeansGemm(b, x, labels.Select(l => (float)l).ToArray(), null), [k]), DataType.Int64, "labels");
        b.Reshape(MeansGemm(b, x, scores, null), [k], "scores");
        b.Output("boxes");
        b.Output("labels", DataType.Int64);
        b.Output("scores");
        return b.ToBytes();
    }

    public static byte[] Classifier(int size, float[] logits, bool softmax, (int Index, float Shift)[]? shifts = null, string? names = null)
    {
        var b = new OnnxModelBuilder("classifier");
        var x = b.Input("images", -1, 3, size, size);
        // The logits' constant part comes from a Constant node, the image-dependent part from the Gemm.
        var varying = MeansGemm(b, x, new float[logits.Length], shifts);
        var y = b.Add(varying, b.ConstantNode(logits, 1, logits.Length));
        if (softmax) b.Softmax(y, 1, "output0");
        else b.Identity(y, "output0");
        b.Output("output0", DataType.Float, -1, logits.Length);
        if (names is not null) b.Metadata("names", names);
        return b.ToBytes();
    }

    /// <summary>YOLOv8-seg: detections [N, 4+C+M, A] and constant prototypes [N, M, mh, mw].</summary>
    public static byte[] YoloSeg(int size, float[] raw, int channels, int anchors, float[] prototypes, int count, int protoSize)
    {
        var b = new OnnxModelBuilder("yolo-seg");
        var x = b.Input("images", -1, 3, size, size);
        b.Reshape(MeansGemm(b, x, raw, null), [-1, channels, anchors], "output0");
        b.Reshape(MeansGemm(b, x, prototypes, null), [-1, count, protoSize, protoSize], "output1");
        b.Output("output0");
        b.Output("output1");
        return b.ToBytes();
    }

    /// <summary>Per-pixel logits from a 1×1 convolution of the input: logit_c = Σ_k w[c,k]·x_k + bias_c, at input resolution.</summary>
    public static byte[] Semantic(int size, float[] weights, float[] bias, int classes, bool sigmoid, int stride = 1)
    {
        var b = new OnnxModelBuilder("semantic");
        var x = b.Input("images", -1, 3, size, size);
        var y = b.Conv(x, b.Constant(weights, classes, 3, 1, 1), b.Constant(bias, classes), [1, 1], strides: [stride, stride]);
        if (sigmoid) b.Sigmoid(y, "output0");
        else b.Identity(y, "output0");
        b.Output("output0", DataType.Float, -1, classes, size / stride, size / stride);
        return b.ToBytes();
    }
}
