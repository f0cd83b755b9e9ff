using VisionPipeline.Inference.Onnx;

namespace VisionPipeline.Benchmarks.Yolo;

/// <summary>
/// Writes an ONNX model with YOLOv8n's layers, shapes and arithmetic (Ultralytics' yolov8.yaml at scale n: Conv+SiLU,
/// C2f, SPPF, the FPN/PAN neck, the decoupled Detect head with its DFL and box decoding; 640×640 in, [1, 84, 8400]
/// out, 80 COCO names and Ultralytics' metadata), for the benchmarks: no YOLOv8n weights can be had here. The
/// weights are seeded random values, so the network computes noise; the model's output is
/// <see cref="SyntheticYoloOutput"/> (20 objects, about 250 candidates) plus a millionth of the network's, which keeps
/// every layer's work in the run while the decoder sees a realistic output.
/// </summary>
public static class YoloV8nShapedModel
{
    private const int Classes = SyntheticYoloOutput.Classes, RegMax = 16, Size = 640;

    public static void Write(string path, string namesFile)
    {
        var names = File.ReadAllLines(namesFile).Where(l => l.Length > 0).Take(Classes).ToArray();
        var g = new Graph(new OnnxModelBuilder("yolov8n-shaped"), new Random(8));
        var x = g.B.Input("images", 1, 3, Size, Size);

        var p1 = g.Conv(x, 3, 16, 3, 2);
        var p2 = g.Conv(p1, 16, 32, 3, 2);
        var c2 = g.C2f(p2, 32, 32, 1, true);
        var p3 = g.Conv(c2, 32, 64, 3, 2);
        var c4 = g.C2f(p3, 64, 64, 2, true);
        var p4 = g.Conv(c4, 64, 128, 3, 2);
        var c6 = g.C2f(p4, 128, 128, 2, true);
        var p5 = g.Conv(c6, 128, 256, 3, 2);
        var c8 = g.C2f(p5, 256, 256, 1, true);
        var sppf = g.Sppf(c8, 256, 256);

        var up1 = g.B.Resize(sppf, [1, 1, 2, 2]);
        var h12 = g.C2f(g.B.Concat(1, null, up1, c6), 384, 128, 1, false);
        var up2 = g.B.Resize(h12, [1, 1, 2, 2]);
        var out3 = g.C2f(g.B.Concat(1, null, up2, c4), 192, 64, 1, false);
        var down1 = g.Conv(out3, 64, 64, 3, 2);
        var out4 = g.C2f(g.B.Concat(1, null, down1, h12), 192, 128, 1, false);
        var down2 = g.Conv(out4, 128, 128, 3, 2);
        var out5 = g.C2f(g.B.Concat(1, null, down2, sppf), 384, 256, 1, false);

        var network = g.Detect([(out3, 64, 8), (out4, 128, 16), (out5, 256, 32)]);
        var tiny = g.B.Constant([1e-6f], 1);
        var realistic = g.B.Initializer(SyntheticYoloOutput.Create(), [1, 4 + Classes, SyntheticYoloOutput.Anchors]);
        g.B.Add(realistic, g.B.Mul(network, tiny), "output0");
        g.B.Output("output0");
        g.B.Metadata("task", "detect")
            .Metadata("names", "{" + string.Join(", ", names.Select((n, i) => $"{i}: '{n}'")) + "}")
            .Metadata("imgsz", $"[{Size}, {Size}]")
            .Metadata("stride", "32")
            .Metadata("description", "YOLOv8n-shaped benchmark model: YOLOv8n's layers with random weights, a synthetic realistic output");
        g.B.Save(path);
    }

    private sealed class Graph(OnnxModelBuilder builder, Random random)
    {
        public OnnxModelBuilder B { get; } = builder;

        /// <summary>Conv2d with its batch norm folded in (a bias), then SiLU, as Ultralytics' exports have it.</summary>
        public string Conv(string x, int inputs, int outputs, int kernel, int stride = 1) => Silu(RawConv(x, inputs, outputs, kernel, stride));

        public string RawConv(string x, int inputs, int outputs, int kernel, int stride = 1)
        {
            float scale = 1f / MathF.Sqrt(inputs * kernel * kernel);
            var weights = new float[outputs * inputs * kernel * kernel];
            for (int i = 0; i < weights.Length; i++) weights[i] = (float)(random.NextDouble() * 2 - 1) * scale;
            var bias = new float[outputs];
            for (int i = 0; i < bias.Length; i++) bias[i] = (float)(random.NextDouble() * 0.2 - 0.1);
            long pad = kernel / 2;
            return B.Conv(x, B.Initializer(weights, [outputs, inputs, kernel, kernel]), B.Initializer(bias, [outputs]),
                [kernel, kernel], [stride, stride], [pad, pad, pad, pad]);
        }

        private string Silu(string x) => B.Mul(x, B.Sigmoid(x));

        /// <summary>C2f: a 1×1 conv split in two halves, n bottlenecks on the second, all concatenated and fused by a 1×1 conv.</summary>
        public string C2f(string x, int inputs, int outputs, int n, bool shortcut)
        {
            int c = outputs / 2;
            var both = Conv(x, inputs, 2 * c, 1);
            var (first, second) = B.Split(both, [c, c], 1) is [var f, var s] ? (f, s) : throw new InvalidOperationException();
            var parts = new List<string> { first, second };
            var last = second;
            for (int i = 0; i < n; i++)
            {
                var y = Conv(Conv(last, c, c, 3), c, c, 3);
                last = shortcut ? B.Add(last, y) : y;
                parts.Add(last);
            }
            return Conv(B.Concat(1, null, [.. parts]), (2 + n) * c, outputs, 1);
        }

        /// <summary>SPPF: a 1×1 conv, three 5×5 max pools in a row, all four concatenated and fused.</summary>
        public string Sppf(string x, int inputs, int outputs)
        {
            int c = inputs / 2;
            var a = Conv(x, inputs, c, 1);
            string Pool(string v) => B.Node("MaxPool", [v], null, OnnxModelBuilder.Ints("kernel_shape", [5, 5]),
                OnnxModelBuilder.Ints("strides", [1, 1]), OnnxModelBuilder.Ints("pads", [2, 2, 2, 2]));
            var b = Pool(a);
            var d = Pool(b);
            var e = Pool(d);
            return Conv(B.Concat(1, null, a, b, d, e), 4 * c, outputs, 1);
        }

        /// <summary>Detect: per level a box branch (4×16 DFL bins) and a class branch; DFL expectation, distances to boxes
        /// around the anchor points (centre x, centre y, width, height in input pixels), class sigmoids.</summary>
        public string Detect(IReadOnlyList<(string X, int Channels, int Stride)> levels)
        {
            const int boxChannels = 64, classChannels = 80;
            var perLevel = new List<string>();
            var anchors = new List<float>[2] { [], [] };
            var strides = new List<float>();
            foreach (var (x, channels, stride) in levels)
            {
                var box = RawConv(Conv(Conv(x, channels, boxChannels, 3), boxChannels, boxChannels, 3), boxChannels, 4 * RegMax, 1);
                var cls = RawConv(Conv(Conv(x, channels, classChannels, 3), classChannels, classChannels, 3), classChannels, Classes, 1);
                int cells = Size / stride;
                perLevel.Add(B.Reshape(B.Concat(1, null, box, cls), [1, 4 * RegMax + Classes, cells * cells]));
                for (int row = 0; row < cells; row++)
                    for (int col = 0; col < cells; col++)
                    {
                        anchors[0].Add(col + 0.5f);
                        anchors[1].Add(row + 0.5f);
                        strides.Add(stride);
                    }
            }
            int count = strides.Count;
            var all = B.Concat(2, null, [.. perLevel]);
            var (bins, logits) = B.Split(all, [4 * RegMax, Classes], 1) is [var b, var l] ? (b, l) : throw new InvalidOperationException();

            // DFL: softmax over the 16 bins of each side, expectation by a 1×1 conv with weights 0..15.
            var softmax = B.Softmax(B.Transpose(B.Reshape(bins, [1, 4, RegMax, count]), [0, 2, 1, 3]), 1);
            var expectation = B.Conv(softmax, B.Initializer(Enumerable.Range(0, RegMax).Select(i => (float)i).ToArray(), [1, RegMax, 1, 1]), null, [1, 1]);
            var distances = B.Reshape(expectation, [1, 4, count]);
            var (lt, rb) = B.Split(distances, [2, 2], 1) is [var l2, var r2] ? (l2, r2) : throw new InvalidOperationException();
            var anchorPoints = B.Initializer([.. anchors[0], .. anchors[1]], [1, 2, count]);
            var topLeft = B.Node("Sub", [anchorPoints, lt]);
            var bottomRight = B.Add(anchorPoints, rb);
            var centre = B.Mul(B.Add(topLeft, bottomRight), B.Constant([0.5f], 1));
            var size = B.Node("Sub", [bottomRight, topLeft]);
            var boxes = B.Mul(B.Concat(1, null, centre, size), B.Initializer(strides.ToArray(), [1, 1, count]));
            return B.Concat(1, null, boxes, B.Sigmoid(logits));
        }
    }
}
