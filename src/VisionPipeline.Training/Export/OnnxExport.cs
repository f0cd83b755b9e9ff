using TorchSharp;
using TorchSharp.Modules;
using VisionPipeline.Inference.Onnx;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Export;

/// <summary>How an upsampling interpolates, with TorchSharp's <c>interpolate</c> semantics.</summary>
public enum Upsampling
{
    /// <summary>torch <c>mode: nearest</c>: source = floor(destination / factor).</summary>
    Nearest,

    /// <summary>torch <c>mode: bilinear, align_corners: false</c> (ONNX half_pixel).</summary>
    Bilinear,

    /// <summary>torch <c>mode: bilinear, align_corners: true</c> (ONNX align_corners).</summary>
    BilinearAlignCorners,
}

/// <summary>
/// Writes the layers the trainer builds into an ONNX graph (opset 17) from their live weights, each one ONNX node
/// that computes what the TorchSharp layer computes in eval mode: batch norm with its running statistics, dropout as
/// identity. Modules export themselves through <see cref="IOnnxExportable"/> and these helpers; anything missing goes
/// through <see cref="Node"/>. Every method takes value names and returns the name of the value it adds.
/// </summary>
public sealed class OnnxExport(OnnxModelBuilder builder)
{
    /// <summary>The graph being written (inputs, outputs, metadata, generic nodes).</summary>
    public OnnxModelBuilder Builder { get; } = builder;

    /// <summary>Runs a module's own export on <paramref name="input"/>.</summary>
    public string Module(IOnnxExportable module, string input) => module.Export(this, input);

    /// <summary>A tensor's current values as a float initializer (raw bytes).</summary>
    public string Weights(Tensor tensor)
    {
        using var values = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
        return Builder.Initializer(values.data<float>().ToArray(), values.shape);
    }

    /// <summary>A constant float initializer.</summary>
    public string Constant(float[] values, params long[] dims) => Builder.Initializer(values, dims);

    /// <summary>An <c>nn.Conv2d</c> (symmetric zero padding, groups and dilation as set, bias when it has one).</summary>
    public string Conv(Conv2d conv, string input)
    {
        if (conv.padding_mode != PaddingModes.Zeros)
            throw new NotSupportedException($"Conv2d with padding mode {conv.padding_mode} has no export (zeros only)");
        var padding = conv.padding ?? throw new NotSupportedException("Conv2d with 'same'/'valid' padding has no export; give explicit padding");
        return Conv(input, conv.weight!, conv.bias, conv.stride, padding, conv.dilation, conv.groups);
    }

    /// <summary>A 2-D convolution from weights [O, I/groups, kH, kW] and an optional bias [O].</summary>
    public string Conv(string input, Tensor weight, Tensor? bias, long[]? stride = null, long[]? padding = null, long[]? dilation = null, long groups = 1)
    {
        var inputs = bias is null ? new[] { input, Weights(weight) } : [input, Weights(weight), Weights(bias)];
        long[] pad = padding ?? [0, 0];
        return Builder.Node("Conv", inputs, null,
            OnnxModelBuilder.Ints("kernel_shape", [weight.shape[2], weight.shape[3]]),
            OnnxModelBuilder.Ints("strides", stride ?? [1, 1]),
            OnnxModelBuilder.Ints("pads", [pad[0], pad[1], pad[0], pad[1]]),
            OnnxModelBuilder.Ints("dilations", dilation ?? [1, 1]),
            OnnxModelBuilder.Int("group", groups));
    }

    /// <summary>An <c>nn.BatchNorm2d</c> in eval mode: a BatchNormalization node with its running mean and variance.</summary>
    public string BatchNorm(BatchNorm2d norm, string input)
    {
        var mean = norm.running_mean ?? throw new NotSupportedException("BatchNorm2d without running statistics has no export");
        var variance = norm.running_var!;
        long channels = mean.shape[0];
        string scale = norm.weight is { } w ? Weights(w) : Constant(Enumerable.Repeat(1f, (int)channels).ToArray(), channels);
        string shift = norm.bias is { } b ? Weights(b) : Constant(new float[channels], channels);
        return Builder.Node("BatchNormalization", [input, scale, shift, Weights(mean), Weights(variance)], null,
            OnnxModelBuilder.Float("epsilon", (float)norm.eps));
    }

    /// <summary>An <c>nn.Linear</c> on [N, in]: Gemm with the weight transposed.</summary>
    public string Linear(Linear linear, string input) =>
        linear.bias is { } bias
            ? Builder.Gemm(input, Weights(linear.weight!), Weights(bias), transB: true)
            : Builder.Node("Gemm", [input, Weights(linear.weight!)], null, OnnxModelBuilder.Int("transB", 1));

    public string Relu(string input) => Builder.Node("Relu", [input]);

    public string Sigmoid(string input) => Builder.Sigmoid(input);

    public string Softmax(string input, long axis) => Builder.Softmax(input, axis);

    public string Add(string a, string b) => Builder.Add(a, b);

    /// <summary>Max pooling with a square window and symmetric padding (torch <c>max_pool2d</c>, floor mode).</summary>
    public string MaxPool(string input, long kernel, long stride, long padding) =>
        Builder.Node("MaxPool", [input], null,
            OnnxModelBuilder.Ints("kernel_shape", [kernel, kernel]),
            OnnxModelBuilder.Ints("strides", [stride, stride]),
            OnnxModelBuilder.Ints("pads", [padding, padding, padding, padding]));

    /// <summary>Mean over height and width keeping them: [N, C, H, W] → [N, C, 1, 1].</summary>
    public string GlobalAveragePool(string input) => Builder.GlobalAveragePool(input);

    /// <summary>[N, ...] → [N, rest] (torch <c>flatten(1)</c>).</summary>
    public string Flatten(string input) => Builder.Node("Flatten", [input], null, OnnxModelBuilder.Int("axis", 1));

    /// <summary>Dropout exports as nothing: it is the identity in eval mode.</summary>
    public string Dropout(string input) => input;

    public string Concat(long axis, params string[] inputs) => Builder.Concat(axis, null, inputs);

    /// <summary>Enlarges height and width by a whole <paramref name="factor"/>, as torch <c>interpolate(scale_factor: factor)</c> does.</summary>
    public string Upsample(string input, long factor, Upsampling mode)
    {
        var scales = Constant([1f, 1f, factor, factor], 4);
        var attributes = mode switch
        {
            Upsampling.Nearest => new[]
            {
                OnnxModelBuilder.Text("mode", "nearest"), OnnxModelBuilder.Text("nearest_mode", "floor"),
                OnnxModelBuilder.Text("coordinate_transformation_mode", "asymmetric"),
            },
            Upsampling.Bilinear => [OnnxModelBuilder.Text("mode", "linear"), OnnxModelBuilder.Text("coordinate_transformation_mode", "half_pixel")],
            _ => [OnnxModelBuilder.Text("mode", "linear"), OnnxModelBuilder.Text("coordinate_transformation_mode", "align_corners")],
        };
        return Builder.Node("Resize", [input, "", scales], null, attributes);
    }

    /// <summary>The element-wise mean of several values of one shape (an ensemble's average); one value passes through.</summary>
    public string Mean(IReadOnlyList<string> inputs) => inputs.Count switch
    {
        0 => throw new ArgumentException("nothing to average"),
        1 => inputs[0],
        _ => Builder.Node("Mean", inputs.ToArray()),
    };

    /// <summary>Any other ONNX node (see <see cref="OnnxModelBuilder.Node"/>).</summary>
    public string Node(string opType, IReadOnlyList<string> inputs, string? output = null, params Inference.Onnx.Proto.AttributeProto[] attributes) =>
        Builder.Node(opType, inputs, output, attributes);
}

/// <summary>The TorchSharp side of <see cref="Upsampling"/>, so forward and export agree by construction.</summary>
public static class UpsamplingExtensions
{
    /// <summary>torch <c>interpolate</c> by a whole factor in the given mode.</summary>
    public static Tensor Upsample(this Tensor input, long factor, Upsampling mode) =>
        nn.functional.interpolate(input, scale_factor: [factor, factor],
            mode: mode == Upsampling.Nearest ? InterpolationMode.Nearest : InterpolationMode.Bilinear,
            align_corners: mode == Upsampling.BilinearAlignCorners ? true : mode == Upsampling.Bilinear ? false : null);
}
